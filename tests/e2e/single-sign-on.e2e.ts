import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { startDnsServer, type TestDnsServer } from '../../server/test/support/dns-server';
import { startTestProvider, type TestProvider } from '../../server/test/support/oidc-provider';
import { startApp, type RunningApp } from './support/server';
import { expectFocused, expectNoAxeViolations, launchBrowser, openPage, signInAs } from './support/browser';

/**
 * Single sign-on from the browser, against a real OpenID Connect provider on 127.0.0.1 (oidc-provider with
 * its own sign-in pages): the admin sets it up and verifies the domain through a real DNS server on 127.0.0.1
 * (DNS_SERVERS), a person continues with it from the sign-in page, someone without an account is sent back
 * with the reason, and an invitee joins through it with no password.
 */
let app: RunningApp;
let provider: TestProvider;
let browser: Browser;
let dns: TestDnsServer;
/** The TXT records the test DNS server answers, by name. */
const txtRecords = new Map<string, string[][]>();

beforeAll(async () => {
  dns = await startDnsServer({ txt: (name) => txtRecords.get(name) ?? [] });
  [app, browser] = await Promise.all([startApp({ env: { DNS_SERVERS: dns.address } }), launchBrowser()]);
  provider = await startTestProvider({
    redirectUri: `${app.baseUrl}/api/auth/provider/callback`,
    accounts: {
      marcus: { email: 'principal@lakeview.test', verified: true },
      stranger: { email: 'stranger@lakeview.test', verified: true },
      newcomer: { email: 'newcomer@lakeview.test', verified: true },
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await provider?.close();
  await app?.stop();
  await dns?.close();
});

/** The provider's development pages ask for a stylesheet on the internet, which this machine cannot reach. */
const ours = (errors: string[]) => errors.filter((e) => !e.includes('net::ERR_NAME_NOT_RESOLVED'));

/** The provider's own development pages: a sign-in form, then a consent form. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  // Consent, once per account and client.
  const consent = page.locator('button[type="submit"]', { hasText: 'Continue' });
  await Promise.race([
    consent.waitFor().then(() => consent.click()),
    page.waitForURL((url) => url.origin === app.baseUrl),
  ]);
  await page.waitForURL((url) => url.origin === app.baseUrl);
}

describe('sign-in through the district’s provider', () => {
  it('the admin sets it up; a principal continues with it from the sign-in page; a stranger is told why not', async () => {
    const adminContext = await browser.newContext();
    const admin = await openPage(adminContext);
    await signInAs(admin.page, app.baseUrl, 'admin@lakeview.test');
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign-in' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'District sign-in' }).waitFor();
    await admin.page.getByText(`${app.baseUrl}/api/auth/provider/callback`).waitFor();
    await expectNoAxeViolations(admin.page, 'the district sign-in page');

    const form = admin.page.getByRole('region', { name: 'Set up a provider' });
    await form.getByLabel('Provider address (issuer)').fill(provider.issuer);
    await form.getByLabel('Client ID').fill(provider.clientId);
    // Its example is the administrator's own domain (it named Lakeview's to every district).
    expect(await form.getByText('separated by commas, such as lakeview.test').count()).toBe(1);
    await form.getByLabel('Email domains').fill('lakeview.test, not a domain');
    await form.getByRole('button', { name: 'Save sign-in settings' }).click();
    // Checked in the browser first: each domain must be one, and a secret is needed.
    await form.getByText('“not” must be a domain such as lakeview.k12.us').waitFor();
    await expectNoAxeViolations(admin.page, 'the district sign-in page with errors');
    // A second domain, left waiting, to which focus goes once the first is removed.
    await form.getByLabel('Email domains').fill('@Lakeview.test, westlake.test');
    await form.getByRole('button', { name: 'Save sign-in settings' }).click();
    await form.getByText('Client secret is required to set up sign-in').waitFor();

    await form.getByLabel('Client secret').fill(provider.clientSecret);
    await form.getByRole('button', { name: 'Save sign-in settings' }).click();
    await admin.page.getByRole('heading', { level: 2, name: 'Sign-in through your provider is on' }).waitFor();
    await admin.page
      .getByText(
        /^Saved: the provider answered\. The people of a domain sign in through it once the domain is verified/,
      )
      .waitFor();
    await admin.page
      .getByRole('region', { name: 'Change the provider' })
      .getByText('A secret is stored (never shown). Leave this empty to keep it.')
      .waitFor();
    await admin.page
      .getByText('No email domain is verified yet: until one is, everyone signs in with a password.')
      .waitFor();

    // The domain waits for its TXT record, which the page gives to copy; Verify finds none at first, then finds it.
    const domains = admin.page.getByRole('region', { name: 'Email domains' });
    const claim = domains
      .getByRole('listitem')
      .filter({ has: admin.page.getByRole('heading', { name: 'lakeview.test' }) });
    await claim.getByText('Waiting for verification').waitFor();
    await claim.getByText('(the domain itself; some DNS hosts write it as @)').waitFor();
    const value = await claim.getByLabel('Value').inputValue();
    expect(value).toMatch(/^planner-domain-verification=[0-9a-f]{32}$/);
    await expectNoAxeViolations(admin.page, 'the district sign-in page, set up, its domain waiting');
    const verifyButton = claim.getByRole('button', { name: 'Verify lakeview.test' });
    await verifyButton.click();
    await claim
      .getByRole('status')
      .getByText(`Not verified. No TXT record was found at lakeview.test. Add the TXT record ${value} there`)
      .waitFor();
    await expectFocused(verifyButton, 'the Verify button, after a verification that found nothing');
    txtRecords.set('lakeview.test', [['v=spf1 -all'], [value]]);
    await verifyButton.click();
    await claim
      .getByRole('status')
      .getByText('lakeview.test is verified: its people sign in through your provider now.')
      .waitFor();
    await claim.getByText('Verified', { exact: true }).waitFor();
    await expectFocused(claim.getByRole('heading', { name: 'lakeview.test' }), 'the domain’s heading, once verified');
    await admin.page.getByText(/^People whose email ends in @lakeview\.test are offered/).waitFor();
    await expectNoAxeViolations(admin.page, 'the district sign-in page, its domain verified');

    // A principal: the email first; the district's provider is offered; back signed in.
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByLabel('Email').fill('principal@lakeview.test');
    const host = new URL(provider.issuer).hostname;
    const continueLink = page.getByRole('link', { name: `Continue with ${host}` });
    await continueLink.waitFor();
    await page.getByText('a password works too').waitFor();
    await expectNoAxeViolations(page, 'the sign-in page offering the provider');
    await continueLink.click();
    await signInAtProvider(page, 'marcus');
    await page.getByRole('heading', { level: 1, name: /^(Plans|Reviews waiting for you)$/ }).waitFor();
    await page.getByRole('banner').getByText('Marcus Ortega').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);

    // A verified email of the domain without an account or invitation (on another device, where the
    // provider has no session yet): back at sign-in, with the reason.
    const strangerContext = await browser.newContext();
    const stranger = await openPage(strangerContext);
    await stranger.page.goto(`${app.baseUrl}/sign-in`);
    await stranger.page.getByLabel('Email').fill('stranger@lakeview.test');
    await stranger.page.getByRole('link', { name: `Continue with ${host}` }).click();
    await signInAtProvider(stranger.page, 'stranger');
    await stranger.page.waitForURL(/\/sign-in\?provider=not-found/);
    await stranger.page
      .getByRole('alert')
      .getByText('There is no planner account for this email in your district. Ask your district administrator')
      .waitFor();
    await expectNoAxeViolations(stranger.page, 'the sign-in page after a refusal');
    expect(ours(stranger.errors)).toEqual([]);
    await strangerContext.close();

    // Passwords turned off for the domain: the sign-in page offers only the provider.
    await admin.page.getByLabel('People of these domains may still sign in with a password').uncheck();
    await admin.page.getByRole('button', { name: 'Save sign-in settings' }).click();
    await admin.page.getByText(/^People whose email ends in @lakeview\.test .* and only that\./).waitFor();
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByLabel('Email').fill('viewer@lakeview.test');
    await page.getByRole('link', { name: `Continue with ${host}` }).waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);

    // Another administrator saves the settings while this one is changing them: the form says so, at once.
    const passwordsToo = admin.page.getByLabel('People of these domains may still sign in with a password');
    await passwordsToo.check();
    const { csrfToken } = (await (await admin.page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const now = (await (await admin.page.request.get(`${app.baseUrl}/api/district/sign-in`)).json()) as {
      issuer: string;
      clientId: string;
      domains: { domain: string }[];
      version: number;
    };
    const theirs = await admin.page.request.put(`${app.baseUrl}/api/district/sign-in`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: {
        issuer: now.issuer,
        clientId: now.clientId,
        domains: now.domains.map((d) => d.domain),
        passwordsAllowed: false,
        version: now.version,
      },
    });
    expect(theirs.status()).toBe(200);
    await admin.page.getByRole('button', { name: 'Save sign-in settings' }).click();
    const conflict = admin.page
      .getByRole('alert')
      .filter({ hasText: 'Someone else changed these settings while you were editing' });
    // The form starts again from their settings (passwords off), with the alert above it, focused.
    await passwordsToo.and(admin.page.locator('input:not(:checked)')).waitFor();
    await expectFocused(conflict, 'the alert saying someone else saved');

    // Invited then: the invitation page sends the newcomer through the provider, with no password to choose,
    // and they come back signed in, in the role they were invited to.
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
    const invite = admin.page.getByRole('region', { name: 'Invite a person' });
    await invite.getByLabel('Email address').fill('newcomer@lakeview.test');
    await invite.getByLabel('Name', { exact: true }).fill('Nia Newcomer');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const invitationLink = await admin.page
      .getByRole('region', { name: 'Invitation for Nia Newcomer' })
      .getByLabel('Link (shown only now)')
      .inputValue();
    const newcomerContext = await browser.newContext();
    const newcomer = await openPage(newcomerContext);
    await newcomer.page.goto(invitationLink);
    await newcomer.page.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    await newcomer.page
      .getByText(
        `Lakeview School District signs you in through ${host}. Continue there and sign in as newcomer@lakeview.test`,
      )
      .waitFor();
    await newcomer.page.getByText('There is no password to choose').waitFor();
    expect(await newcomer.page.getByLabel('Choose a password').count()).toBe(0);
    await expectNoAxeViolations(newcomer.page, 'the invitation page of a district that signs in through its provider');
    await newcomer.page.getByRole('link', { name: `Continue with ${host}` }).click();
    await signInAtProvider(newcomer.page, 'newcomer');
    await newcomer.page.getByRole('heading', { level: 1, name: 'Plans' }).waitFor();
    await newcomer.page.getByRole('banner').getByText('Nia Newcomer').waitFor();
    expect(ours(newcomer.errors)).toEqual([]);
    await newcomerContext.close();
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign-in' }).click();

    // The daily check found the record missing (since a date put in the database): the page says since when,
    // and when the domain will be released; looking again at once finds it there.
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      await db.query(
        "update district_sign_in_domains set record_missing_since = '2026-11-28T15:00:00Z' where domain = 'lakeview.test'",
      );
    } finally {
      await db.end();
    }
    await admin.page.reload();
    await claim
      .getByText(
        /^Its TXT record has not been found since Nov 28, 2026, .+\. Unless it is found again, the domain will be released on Dec 5, 2026, .+: until it is verified again, its people will then sign in with a password, and those who joined through the provider, who have none, must first set one through “Forgot your password\?”\.$/,
      )
      .waitFor();
    await expectNoAxeViolations(admin.page, 'the district sign-in page, its domain’s record missing');
    await claim.getByRole('button', { name: 'Look for the record again of lakeview.test' }).click();
    await claim
      .getByRole('status')
      .getByText('The record of lakeview.test was found: the domain stays verified.')
      .waitFor();
    // Its button gone with the notice, focus goes to the domain's heading, and the result is read out after it.
    await expectFocused(
      claim.getByRole('heading', { name: 'lakeview.test', exact: true }),
      'the domain’s heading, once its record is found again',
    );
    expect(await claim.getByText(/has not been found since/).count()).toBe(0);

    // A domain kept verified on the upgrade that brought records (one never found): the page asks for its record.
    const again = new pg.Client({ connectionString: app.databaseUrl });
    await again.connect();
    try {
      // As after its first daily check: asked for since then.
      await again.query(
        "update district_sign_in_domains set record_found_at = null, record_missing_since = now() where domain = 'lakeview.test'",
      );
    } finally {
      await again.end();
    }
    const records = txtRecords.get('lakeview.test')!;
    txtRecords.set('lakeview.test', [['v=spf1 -all']]);
    await admin.page.reload();
    await claim.getByText(/It was verified before the planner asked for a DNS record, and has none/).waitFor();
    await claim
      .getByText(/Unless its record is added, the domain will be released on [A-Z][a-z]{2} \d{1,2}, \d{4}/)
      .waitFor();
    await claim.getByText(/^Add this TXT record to the DNS of lakeview\.test/).waitFor();
    await expectNoAxeViolations(admin.page, 'the district sign-in page, a domain verified without a record');
    const look = claim.getByRole('button', { name: 'Look for the record of lakeview.test' });
    await look.click();
    await claim
      .getByRole('status')
      .getByText(/^Not found\. The TXT records found at lakeview\.test are/)
      .waitFor();
    txtRecords.set('lakeview.test', records);
    await look.click();
    await claim
      .getByRole('status')
      .getByText('The record of lakeview.test was found: the domain stays verified.')
      .waitFor();
    await expectFocused(
      claim.getByRole('heading', { name: 'lakeview.test', exact: true }),
      'the domain’s heading, once its record is found',
    );
    expect(await claim.getByText(/It was verified before the planner asked/).count()).toBe(0);

    // Turned off: everyone signs in with a password again; the domain stays the district's, to remove or keep.
    await admin.page.getByRole('button', { name: 'Turn off sign-in through the provider' }).click();
    const turnOff = admin.page.getByRole('dialog', { name: 'Turn off sign-in through the provider?' });
    await turnOff.getByText('Your email domains stay your district’s, verified or not').waitFor();
    await turnOff.getByRole('button', { name: 'Turn off' }).click();
    await admin.page.getByRole('heading', { level: 2, name: 'Everyone signs in with a password' }).waitFor();
    await domains
      .getByText(/^Sign-in through a provider is off, so these domains sign no one in through it\./)
      .waitFor();
    await claim.getByText('Verified', { exact: true }).waitFor();
    await claim.getByText('It stays your district’s: its people sign in through your provider again').waitFor();
    await expectNoAxeViolations(admin.page, 'the district sign-in page, turned off, its domain kept');
    // Removing asks first, saying a verified domain would need its record checked again; Cancel keeps it.
    const removeButton = claim.getByRole('button', { name: 'Remove lakeview.test' });
    await removeButton.click();
    const removeDialog = admin.page.getByRole('dialog', { name: 'Remove lakeview.test?' });
    await removeDialog
      .getByText(
        'lakeview.test is verified. Removed, it is released: to have it back, you would add it again and its TXT record would have to be checked again',
      )
      .waitFor();
    await expectNoAxeViolations(admin.page, 'the district sign-in page, asking before removing a verified domain');
    await removeDialog.getByRole('button', { name: 'Cancel' }).click();
    await expectFocused(removeButton, 'the Remove button, the removal cancelled');
    await removeButton.click();
    await removeDialog.getByRole('button', { name: 'Remove domain' }).click();
    // Removed: said through the app's live region, and focus goes to the next domain's heading.
    const said = admin.page.locator('[aria-live="assertive"]');
    await said.filter({ hasText: /^lakeview\.test was removed\.$/ }).waitFor();
    await claim.waitFor({ state: 'detached' });
    await expectFocused(
      domains.getByRole('heading', { name: 'westlake.test', exact: true }),
      'the next domain’s heading, after a removal',
    );
    // The last one (waiting, so nothing to check again): focus goes to the card's heading, which stays to say so.
    await domains.getByRole('button', { name: 'Remove westlake.test' }).click();
    const removeLast = admin.page.getByRole('dialog', { name: 'Remove westlake.test?' });
    await removeLast.getByText('westlake.test will no longer be one of your district’s email domains.').waitFor();
    expect(await removeLast.getByText(/checked again/).count()).toBe(0);
    await removeLast.getByRole('button', { name: 'Remove domain' }).click();
    await said.filter({ hasText: /^westlake\.test was removed\.$/ }).waitFor();
    await expectFocused(
      domains.getByRole('heading', { level: 2, name: 'Email domains' }),
      'the Email domains heading, once no domain is left',
    );
    await domains.getByText(/^Your district has no email domains now/).waitFor();
    expect(await domains.getByRole('listitem').count()).toBe(0);
    await expectNoAxeViolations(admin.page, 'the district sign-in page, its last domain removed');
    await signInAs(page, app.baseUrl, 'viewer@lakeview.test');

    expect(ours(errors)).toEqual([]);
    expect(admin.errors).toEqual([]);
    await context.close();
    await adminContext.close();
  });
});
