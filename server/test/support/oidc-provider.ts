import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';

/**
 * A real OpenID Connect provider (oidc-provider, the certified implementation) on 127.0.0.1, with its
 * development sign-in pages: a district's provider for the tests of single sign-on.
 */
export interface ProviderAccount {
  email: string;
  verified: boolean;
  /** The name claim; the account's login when not given. */
  name?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Signs in at the provider as `login` from its authorization URL; answers where it sends the browser back. */
  signIn(authorizationUrl: string, login: string): Promise<URL>;
  /** How many requests the provider has had so far. */
  requestCount(): number;
  /** How many connections were opened to the provider so far (one may carry no request it can read). */
  connectionCount(): number;
  close(): Promise<void>;
}

export async function startTestProvider(options: {
  redirectUri: string;
  accounts: Record<string, ProviderAccount>;
}): Promise<TestProvider> {
  const { default: Provider } = await import('oidc-provider');
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'teacher-leadership-planner';
  const clientSecret = 'a client secret of the tests';
  // The provider warns that its in-memory storage and sign-in pages are for development: true, and meant.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('quick start development-only')) warn(...args);
  };
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'test-provider' }] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = options.accounts[sub];
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: account.email, email_verified: account.verified, name: account.name ?? sub }),
      };
    },
    pkce: { required: () => true },
    cookies: { keys: ['cookie key of the test provider'] },
    features: { devInteractions: { enabled: true } },
  });
  console.warn = warn;
  let requests = 0;
  let connections = 0;
  server.on('connection', () => (connections += 1));
  server.on('request', () => (requests += 1));
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    requestCount: () => requests,
    connectionCount: () => connections,
    async signIn(authorizationUrl, login) {
      const browser = request.agent(issuer);
      let next = new URL(authorizationUrl);
      for (let step = 0; step < 12; step += 1) {
        const page = await browser.get(`${next.pathname}${next.search}`);
        let res = page;
        if (page.status === 200) {
          // The provider's own pages: a sign-in form, then a consent form; submit each.
          const action = /<form[^>]*action="([^"]+)"/.exec(page.text)?.[1];
          const prompt = /name="prompt" value="(\w+)"/.exec(page.text)?.[1];
          if (!action || !prompt)
            throw new Error(`The provider showed a page without a form:\n${page.text.slice(0, 500)}`);
          res = await browser
            .post(new URL(action, issuer).pathname)
            .type('form')
            .send({ prompt, login, password: 'any' });
        }
        const location = res.headers.location;
        if (!location) throw new Error(`The provider answered ${res.status} without a redirect`);
        const to = new URL(location, issuer);
        if (`${to.origin}${to.pathname}` === options.redirectUri) return to;
        next = to;
      }
      throw new Error('The provider never sent the browser back');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (the planner's fetches) would otherwise hold the server open for seconds.
        server.closeAllConnections();
      }),
  };
}
