import { useNavigate, useParams } from 'react-router';
import { ForgotPasswordPage } from '../../features/auth/ForgotPasswordPage';
import { ResetPasswordPage } from '../../features/auth/ResetPasswordPage';
import { useMe } from '../../features/auth/me';
import { AcceptInvitationPage } from '../../features/invitations/AcceptInvitationPage';
import { paths } from '../paths';

/** /forgot-password: a reset link by email. */
export function ForgotPasswordRoute() {
  return <ForgotPasswordPage signInHref={paths.signIn} />;
}

/** /reset-password/:token: the link of a reset email (the server builds this address). */
export function ResetPasswordRoute() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  return (
    <ResetPasswordPage
      key={token}
      token={token}
      forgotPasswordHref={paths.forgotPassword}
      signInHref={paths.signIn}
      onSignedIn={() => void navigate(paths.home, { replace: true })}
    />
  );
}

/** /invitations/:token: the link of an invitation email (the server builds this address). */
export function AcceptInvitationRoute() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  // The session check answers for signed-out visitors too (with nobody), so the page never waits on a refusal.
  const signedIn = useMe().data?.user ?? null;
  return (
    <AcceptInvitationPage
      key={token}
      token={token}
      signInHref={paths.signIn}
      signedInAs={signedIn}
      onSignedIn={() => void navigate(paths.home, { replace: true })}
    />
  );
}
