import { SignInPage } from '../../features/auth/SignInPage';
import { paths } from '../paths';

export function SignInRoute() {
  return <SignInPage afterSignIn={paths.home} signInPath={paths.signIn} forgotPasswordHref={paths.forgotPassword} />;
}
