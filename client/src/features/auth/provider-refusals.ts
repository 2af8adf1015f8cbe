/**
 * Why a sign-in through the district's provider did not let the person in, as the server names it in
 * the address it sends the browser back to (/sign-in?provider=…), said in words.
 */
const refusals: Record<string, string> = {
  unavailable:
    'Your district’s sign-in could not be reached, or is not set up for this email. Try again in a moment, or ask your district administrator.',
  expired: 'The sign-in took too long or was started in another tab. Start again.',
  failed: 'Your district’s sign-in answered something the planner could not check. Start again.',
  unverified:
    'Your district’s sign-in did not confirm your email address. Ask your district administrator to check your account there.',
  'not-found':
    'There is no planner account for this email in your district. Ask your district administrator for an invitation.',
  deactivated: 'Your planner account is deactivated. Ask your district administrator to reactivate it.',
};

export function providerRefusalMessage(reason: string | null): string | null {
  if (reason === null) return null;
  return refusals[reason] ?? 'Signing in through your district’s sign-in did not work. Start again.';
}
