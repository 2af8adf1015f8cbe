import { spawn } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { serverCommand, startApp, type RunningApp } from './support/server';
import { expectNoAxeViolations, launchBrowser, openPage, signInAs } from './support/browser';

/**
 * A district just made with create-district, with no schools and no principals: defining its first role, each
 * dead end says where to go next.
 */
let app: RunningApp;
let browser: Browser;
const password = 'a long enough password';

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  if (!app.databaseUrl) throw new Error('This test makes its district on the local Postgres.');
  const made = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      serverCommand.node,
      [
        'server/dist/create-district.js',
        ...['--district', 'Riverbend Schools', '--admin-email', 'rae@riverbend.test', '--admin-name', 'Rae Ortiz'],
      ],
      {
        cwd: serverCommand.cwd,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          DATABASE_URL: app.databaseUrl,
          ADMIN_PASSWORD: password,
        },
        stdio: 'ignore',
      },
    );
    child.once('error', reject);
    child.once('exit', resolve);
  });
  expect(made).toBe(0);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

describe("a new district's first role", () => {
  it('says to add schools, that an invited principal has not accepted yet, and tells a principal with no school so', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'rae@riverbend.test', password);
    const { csrfToken } = (await (await page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const headers = { 'X-CSRF-Token': csrfToken };
    const plan = await page.request.post(`${app.baseUrl}/api/plans`, {
      headers,
      data: { title: 'Riverbend plan', schoolYear: '2026-27' },
    });
    expect(plan.status()).toBe(201);
    const planId = ((await plan.json()) as { id: string }).id;
    const role = await page.request.post(`${app.baseUrl}/api/plans/${planId}/roles`, {
      headers,
      data: { title: 'Instructional coach' },
    });
    const roleId = ((await role.json()) as { id: string }).id;

    // No schools: the role's Schools field leads to the page that adds them, and submitting says so too.
    await page.goto(`${app.baseUrl}/plans/${planId}/roles/${roleId}`);
    await page.getByRole('heading', { level: 1, name: 'Instructional coach' }).waitFor();
    const schoolsField = page.getByRole('group', { name: 'Schools', exact: true });
    await schoolsField.getByText('The district has no schools yet. Add them on the').waitFor();
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText(/The district has no schools yet: add them on the Schools page\./).waitFor();
    await expectNoAxeViolations(page, 'the role page of a district with no schools');
    await schoolsField.getByRole('link', { name: 'Schools page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Schools' }).waitFor();

    const add = page.getByRole('region', { name: 'Add a school' });
    await add.getByLabel('School name').fill('Riverbend High');
    await add.getByRole('button', { name: 'Add school' }).click();
    const school = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Riverbend High' }) });
    await school.getByText('No principal yet', { exact: true }).waitFor();

    // A principal invited for it: the school says the invitation is out, not that nobody leads it.
    await nav(page).getByRole('link', { name: 'People' }).click();
    const invite = page.getByRole('region', { name: 'Invite a person' });
    await invite.getByLabel('Email address').fill('pat@riverbend.test');
    await invite.getByLabel('Name', { exact: true }).fill('Pat Lee');
    await invite.getByLabel('Role').selectOption('principal');
    await invite.getByRole('checkbox', { name: 'Riverbend High' }).check();
    await invite.getByRole('button', { name: 'Invite' }).click();
    await page.getByRole('region', { name: 'Invitation for Pat Lee' }).getByRole('button', { name: 'Done' }).click();
    await nav(page).getByRole('link', { name: 'Schools' }).click();
    await school.getByText('No principal yet: invitation sent to pat@riverbend.test, not yet accepted.').waitFor();
    await expectNoAxeViolations(page, 'the Schools page with an open invitation');
    expect(errors).toEqual([]);

    // A principal given no school yet: the inbox says so, and who assigns schools.
    const invited = await page.request.post(`${app.baseUrl}/api/invitations`, {
      headers,
      data: { email: 'sam@riverbend.test', name: 'Sam Cole', role: 'principal', schoolIds: [] },
    });
    const link = ((await invited.json()) as { acceptUrl: string }).acceptUrl;
    const principalContext = await browser.newContext();
    const principal = await openPage(principalContext);
    await principal.page.goto(link);
    await principal.page.getByLabel('Choose a password').fill('copper kettles by the winter door');
    await principal.page.getByRole('button', { name: 'Join and sign in' }).click();
    await principal.page.getByRole('banner').getByText('Sam Cole').waitFor();
    await principal.page.goto(`${app.baseUrl}/reviews`);
    await principal.page
      .getByText('You lead no school yet: the district’s administrator assigns principals their schools.', {
        exact: false,
      })
      .waitFor();
    await expectNoAxeViolations(principal.page, 'the review inbox of a principal with no school');
    expect(principal.errors).toEqual([]);
    await principalContext.close();
    await context.close();
  });
});
