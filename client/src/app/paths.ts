/** Every route path of the client, in one place. */
export const paths = {
  home: '/',
  signIn: '/sign-in',
  plans: '/plans',
} as const;
