import { AccountPage } from '../../features/account/AccountPage';
import { DistrictTimeZoneSection } from '../../features/district-settings/DistrictTimeZoneSection';
import { DistrictSignInPage } from '../../features/district-sign-in/DistrictSignInPage';
import { useInvitations } from '../../features/people/people-api';
import { PeoplePage } from '../../features/people/PeoplePage';
import { SchoolsPage } from '../../features/schools/SchoolsPage';
import { useCurrentUser } from '../../lib/current-user';

/** /people: the district's people, invitations and the log of changes (administrators). */
export function PeopleRoute() {
  return <PeoplePage />;
}

/** /schools: the district's schools and its time zone (administrators). */
export function SchoolsRoute() {
  const admin = useCurrentUser().user.role === 'district_admin';
  const invitations = useInvitations(admin);
  return (
    <SchoolsPage
      districtSettings={<DistrictTimeZoneSection />}
      invitedPrincipals={(invitations.data?.invitations ?? []).filter(
        (i) => i.role === 'principal' && i.status === 'open',
      )}
    />
  );
}

/** /district-sign-in: the district's own identity provider (administrators). */
export function DistrictSignInRoute() {
  return <DistrictSignInPage />;
}

/** /account: one's own name and password. */
export function AccountRoute() {
  return <AccountPage />;
}
