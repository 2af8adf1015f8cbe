import { AccountPage } from '../../features/account/AccountPage';
import { DistrictTimeZoneSection } from '../../features/district-settings/DistrictTimeZoneSection';
import { DistrictSignInPage } from '../../features/district-sign-in/DistrictSignInPage';
import { PeoplePage } from '../../features/people/PeoplePage';
import { SchoolsPage } from '../../features/schools/SchoolsPage';

/** /people: the district's people, invitations and the log of changes (administrators). */
export function PeopleRoute() {
  return <PeoplePage />;
}

/** /schools: the district's schools and its time zone (administrators). */
export function SchoolsRoute() {
  return <SchoolsPage districtSettings={<DistrictTimeZoneSection />} />;
}

/** /district-sign-in: the district's own identity provider (administrators). */
export function DistrictSignInRoute() {
  return <DistrictSignInPage />;
}

/** /account: one's own name and password. */
export function AccountRoute() {
  return <AccountPage />;
}
