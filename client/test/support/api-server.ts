import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildDistrict, buildPlan, testPassword, type TestDistrict } from '../../../server/test/support/factories';
import { startTestApp, type TestApp } from '../../../server/test/support/test-app';
import { createApiClient, type ApiClient } from '../../src/lib/api';

/** The real API (createApp on the test database), listening on 127.0.0.1 like the built server. */
export interface ApiServer {
  baseUrl: string;
  testApp: TestApp;
  close: () => Promise<void>;
}

export async function startApiServer(): Promise<ApiServer> {
  const testApp = await startTestApp();
  const server = await new Promise<Server>((resolve) => {
    const listening = testApp.app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}`,
    testApp,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await testApp.close();
    },
  };
}

/** A fetch that keeps the session cookie between requests, as the browser does for the page. */
function sessionFetch(): typeof fetch {
  let cookie: string | null = null;
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('Cookie', cookie);
    const response = await fetch(input, { ...init, headers });
    const set = response.headers.getSetCookie();
    if (set.length > 0) cookie = set.map((line) => line.split(';')[0]).join('; ');
    return response;
  };
}

export interface SignedIn {
  client: ApiClient;
  csrfToken: string;
}

/** The page's API client, signed in as `email` on the test server. */
export async function signedIn(baseUrl: string, email: string): Promise<SignedIn> {
  const client = createApiClient({ baseUrl, fetch: sessionFetch() });
  const me = await client.post<{ csrfToken: string }>(
    '/api/auth/login',
    { email, password: testPassword },
    { csrf: false },
  );
  client.setCsrfToken(me.csrfToken);
  return { client, csrfToken: me.csrfToken };
}

export { buildDistrict, buildPlan, type TestDistrict };
