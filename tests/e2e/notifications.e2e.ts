import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startMailServer, type TestMailServer } from '../../server/test/support/mail-server';
import { startApp, type RunningApp } from './support/server';
import { expectFocused, expectNoAxeViolations, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

let app: RunningApp;
let browser: Browser;
let mail: TestMailServer;

beforeAll(async () => {
  mail = await startMailServer();
  [app, browser] = await Promise.all([
    startApp({ env: { SMTP_URL: mail.url, MAIL_FROM: 'Teacher Leadership Planner <planner@lakeview.test>' } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await mail?.close();
});

const question = 'What priorities can be advanced through teacher leadership?';
const commentsOfAnswer = new RegExp(`^(Comments|\\d+ open comments?) on the answer to: ${question}`);

async function signedIn(context: BrowserContext, email: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(context);
  await signInAs(opened.page, app.baseUrl, email);
  return opened;
}

/**
 * The emails asked for at once go every minute, the digest daily; the test queues the job itself instead of
 * waiting for the clock, and the server's own worker runs it. A digests job names the morning it stands for.
 * It returns once the worker has finished the job: a page opened before then would not show what it made.
 */
async function runJob(name: 'emails' | 'digests' | 'reminders', data: object = {}): Promise<void> {
  if (!app.databaseUrl) throw new Error('This test needs the local Postgres to queue the job.');
  const boss = new PgBoss({ connectionString: app.databaseUrl, schema: 'pgboss', supervise: false, schedule: false });
  await boss.start();
  try {
    const id = (await boss.send(name, data))!;
    for (const deadline = Date.now() + 60_000; ;) {
      const job = await boss.getJobById(name, id, { includeArchive: true });
      if (job?.state === 'completed') break;
      if (job?.state === 'failed') throw new Error(`The ${name} job failed: ${JSON.stringify(job.output)}`);
      if (Date.now() > deadline) throw new Error(`The ${name} job did not finish within a minute (${job?.state}).`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await boss.stop({ graceful: true, wait: true });
  }
}
const sendWaitingEmails = () => runJob('emails');

/** The next 8 AM in Lakeview (America/Chicago), when its people's digests go. */
function nextLakeviewMorning(): string {
  const hourIn = (at: Date) =>
    Number(
      new Intl.DateTimeFormat('en-US', { timeZone: 'America/Chicago', hour: 'numeric', hourCycle: 'h23' }).format(at),
    );
  let at = new Date(Math.floor(Date.now() / 3_600_000 + 1) * 3_600_000);
  while (hourIn(at) !== 8) at = new Date(at.getTime() + 3_600_000);
  return at.toISOString();
}

const bell = (page: Page) => page.getByRole('link', { name: /^Notifications, \d+ unread$/ });

describe('notifications', () => {
  it('a principal asks for comments by email at once: a mention and a reply arrive as mail; mark all read', async () => {
    const [adminContext, principalContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const principal = await signedIn(principalContext, 'principal@lakeview.test');

    // The principal chooses email at once for comments on what they took part in.
    await bell(principal.page).click();
    await principal.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await principal.page.getByRole('link', { name: 'Notification settings' }).click();
    await principal.page.getByRole('heading', { level: 1, name: 'Notification settings' }).waitFor();
    await expectNoAxeViolations(principal.page, 'the notification settings page');
    // Only what can reach a principal: reviews wait for them; they submit no roles and invite no one.
    expect(await principal.page.locator('legend').evaluateAll((legends) => legends.map((l) => l.textContent))).toEqual([
      'A comment on something I wrote or commented on',
      'A comment that mentions me',
      'A role waiting for my review',
      'An action I own due within 7 days, or overdue',
      'A measure I am responsible for with a reading due',
    ]);
    const comments = principal.page.getByRole('group', { name: 'A comment on something I wrote or commented on' });
    expect(await comments.getByRole('radio', { name: 'In the planner only' }).isChecked()).toBe(true);
    await comments.getByRole('radio', { name: 'Also by email, at once' }).check();
    await principal.page.getByRole('button', { name: 'Save settings' }).click();
    await principal.page.getByRole('status').filter({ hasText: 'Your notification settings are saved.' }).waitFor();
    await principal.page.reload();
    await principal.page.getByRole('heading', { level: 1, name: 'Notification settings' }).waitFor();
    expect(
      await principal.page
        .getByRole('group', { name: 'A comment on something I wrote or commented on' })
        .getByRole('radio', { name: 'Also by email, at once' })
        .isChecked(),
    ).toBe(true);

    // The admin mentions the principal on an answer: the mention comes by email.
    await openPlan(admin.page);
    await admin.page.getByRole('button', { name: commentsOfAnswer }).click();
    const panel = admin.page.getByRole('region', { name: `Comments on the answer to: ${question}`, exact: false });
    await panel.getByRole('textbox', { name: 'New comment' }).fill('Which schools start first?');
    await panel.getByRole('combobox', { name: 'Mention someone' }).fill('ortega');
    await panel.getByRole('option', { name: /Marcus Ortega/ }).click();
    await panel.getByRole('button', { name: 'Add comment' }).click();
    await panel.getByRole('article').getByText('Which schools start first?').waitFor();
    await sendWaitingEmails();
    const mentionMail = await mail.messageTo('principal@lakeview.test', (m) => /mentioned you/.test(m.subject ?? ''));
    expect(mentionMail.subject).toMatch(/^Dana Whitfield mentioned you on “What priorities can be advanced/);
    expect(mentionMail.text).toContain('Which schools start first?');
    expect(mentionMail.text).toMatch(/\/plans\/[0-9a-f-]{36}\/comments\?thread=[0-9a-f-]{36}/);

    // The principal replies from the notification; the admin answers: that comment comes by email too.
    await principal.page.goto(`${app.baseUrl}/notifications`);
    await principal.page.getByRole('link', { name: /^Dana Whitfield mentioned you on/ }).click();
    await principal.page.getByRole('heading', { level: 2, name: 'The thread you followed' }).waitFor();
    const thread = principal.page.getByRole('article').first();
    await thread.getByRole('button', { name: /^Reply/ }).click();
    await thread.getByRole('textbox', { name: 'Reply' }).fill('Lakeview High first, then Northside.');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await thread.getByText('Lakeview High first, then Northside.').waitFor();
    // The principal leaves the thread: a reply arriving while it is open is read there and then (by design).
    await principal.page.goto(`${app.baseUrl}/notifications`);
    await principal.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();

    await admin.page.reload();
    await admin.page.getByRole('button', { name: commentsOfAnswer }).click();
    await panel.getByRole('button', { name: /^Reply/ }).click();
    await panel.getByRole('textbox', { name: 'Reply' }).fill('Thank you: I will add them to the answer.');
    await panel.getByRole('button', { name: 'Send reply' }).click();
    await panel.getByText('Thank you: I will add them to the answer.').waitFor();
    await sendWaitingEmails();
    const commentMail = await mail.messageTo('principal@lakeview.test', (m) => /commented on/.test(m.subject ?? ''));
    expect(commentMail.subject).toMatch(/^Dana Whitfield commented on “What priorities/);
    expect(commentMail.text).toContain('Thank you: I will add them to the answer.');

    // Everything read at once.
    await principal.page.reload();
    await bell(principal.page).click();
    await principal.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await principal.page.getByRole('link', { name: /^Dana Whitfield commented on/ }).waitFor();
    expect(await principal.page.getByText('Unread', { exact: true }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(principal.page, 'the notifications page with unread notifications');
    await principal.page.getByRole('button', { name: 'Mark all read' }).press('Enter');
    await principal.page.getByRole('status').filter({ hasText: 'All your notifications are marked read.' }).waitFor();
    // Nothing is left to mark, and the button pressed keeps focus rather than dropping it to the page.
    await expectFocused(principal.page.getByRole('button', { name: 'Mark all read' }), 'Mark all read');
    await principal.page.getByRole('link', { name: 'Notifications, 0 unread' }).waitFor();
    expect(await principal.page.getByText('Unread', { exact: true }).count()).toBe(0);
    expect(await principal.page.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
    await principal.page.reload();
    await principal.page.getByRole('link', { name: 'Notifications, 0 unread' }).waitFor();

    // Mentions in the daily digest instead: the next mention waits for the digest, which then arrives.
    await principal.page.goto(`${app.baseUrl}/notifications/settings`);
    const mentions = principal.page.getByRole('group', { name: 'A comment that mentions me' });
    await mentions.getByRole('radio', { name: 'Also by email, in a daily digest' }).check();
    await principal.page.getByRole('button', { name: 'Save settings' }).click();
    await principal.page.getByRole('status').filter({ hasText: 'Your notification settings are saved.' }).waitFor();
    await admin.page.reload();
    await admin.page.getByRole('button', { name: commentsOfAnswer }).click();
    await panel.getByRole('textbox', { name: 'New comment' }).fill('Could you confirm the order at the board meeting?');
    await panel.getByRole('combobox', { name: 'Mention someone' }).fill('ortega');
    await panel.getByRole('option', { name: /Marcus Ortega/ }).click();
    await panel.getByRole('button', { name: 'Add comment' }).click();
    await panel.getByText('Could you confirm the order at the board meeting?').waitFor();
    await runJob('digests', { at: nextLakeviewMorning() });
    const digest = await mail.messageTo('principal@lakeview.test', (m) => /daily digest/.test(m.subject ?? ''));
    expect(digest.subject).toMatch(/^Your daily digest: \d+ things? in the Teacher Leadership Planner$/);
    expect(digest.text).toContain('Could you confirm the order at the board meeting?');

    expect([...admin.errors, ...principal.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close()]);
  });
  it('following an email’s link to a thread or a role marks what told of it read, and the bell says so', async () => {
    const [adminContext, principalContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const alicia = await signedIn(principalContext, 'principal2@lakeview.test');
    const api = async <T>(method: 'get' | 'post', path: string, data?: object): Promise<T> => {
      const { csrfToken } = (await (await admin.page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
        csrfToken: string;
      };
      const res = await admin.page.request[method](`${app.baseUrl}${path}`, {
        headers: { 'X-CSRF-Token': csrfToken },
        data,
      });
      expect([path, res.ok()]).toEqual([path, true]);
      return (await res.json()) as T;
    };
    const { plans } = await api<{ plans: { id: string; title: string }[] }>('get', '/api/plans');
    const plan = plans.find((p) => p.title === 'Teacher Leadership Plan')!;
    const { users } = await api<{ users: { id: string; email: string }[] }>('get', '/api/users');
    const aliciaId = users.find((u) => u.email === 'principal2@lakeview.test')!.id;
    const { schools } = await api<{ schools: { id: string; name: string }[] }>('get', '/api/schools');
    const words = `Could Riverbend start in January? ${crypto.randomUUID()}`;
    await api('post', `/api/plans/${plan.id}/comments`, {
      subject: { kind: 'answer', id: 'design.q2' },
      body: words,
      mentions: [aliciaId],
    });
    const roleTitle = `Reading interventionist ${crypto.randomUUID().slice(0, 8)}`;
    const role = await api<{ id: string }>('post', `/api/plans/${plan.id}/roles`, {
      title: roleTitle,
      schoolIds: [schools.find((school) => school.name === 'Lakeview Middle School')!.id],
    });
    await api('post', `/api/plans/${plan.id}/roles/${role.id}/submit`, {});

    await sendWaitingEmails();
    const linkIn = (text: string | undefined, path: RegExp) =>
      new RegExp(`http\\S+${path.source}`).exec(text ?? '')?.[0];
    const mentionMail = await mail.messageTo('principal2@lakeview.test', (m) => Boolean(m.text?.includes(words)));
    const threadUrl = linkIn(mentionMail.text, /\/comments\?thread=[0-9a-f-]{36}/)!;
    const reviewMail = await mail.messageTo('principal2@lakeview.test', (m) => Boolean(m.subject?.includes(roleTitle)));
    const roleUrl = linkIn(reviewMail.text, /\/roles\/[0-9a-f-]{36}/)!;
    expect([threadUrl, roleUrl]).toEqual([expect.stringContaining(plan.id), expect.stringContaining(role.id)]);

    await alicia.page.reload();
    const unread = Number(/(\d+) unread/.exec((await bell(alicia.page).getAttribute('aria-label')) ?? '')?.[1]);
    expect(unread).toBeGreaterThanOrEqual(2);

    // Straight from the email to the thread: the mention is read, and the bell counts one fewer.
    await alicia.page.goto(threadUrl);
    await alicia.page.getByRole('heading', { level: 2, name: 'The thread you followed' }).waitFor();
    await alicia.page.getByRole('link', { name: `Notifications, ${String(unread - 1)} unread` }).waitFor();
    // And to the role waiting for review.
    await alicia.page.goto(roleUrl);
    await alicia.page.getByRole('heading', { level: 1, name: roleTitle }).waitFor();
    await alicia.page.getByRole('link', { name: `Notifications, ${String(unread - 2)} unread` }).waitFor();

    await bell(alicia.page).click();
    await alicia.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    for (const title of [/^Dana Whitfield mentioned you on/, new RegExp(`^“${roleTitle}” in`)]) {
      const item = alicia.page.getByRole('listitem').filter({ has: alicia.page.getByRole('link', { name: title }) });
      await item.first().waitFor();
      expect(await item.first().getByText('Unread', { exact: true }).count()).toBe(0);
    }
    await alicia.page.reload();
    await alicia.page.getByRole('link', { name: `Notifications, ${String(unread - 2)} unread` }).waitFor();
    expect([...admin.errors, ...alicia.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close()]);
  });

  it('a notification of a role deleted since leads to a page that says so, as does an address of a measure or stakeholder no longer in the plan', async () => {
    const [adminContext, principalContext] = await Promise.all([browser.newContext(), browser.newContext()]);
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const alicia = await signedIn(principalContext, 'principal2@lakeview.test');
    const api = async <T>(method: 'get' | 'post' | 'delete', path: string, data?: object): Promise<T> => {
      const { csrfToken } = (await (await admin.page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
        csrfToken: string;
      };
      const res = await admin.page.request[method](`${app.baseUrl}${path}`, {
        headers: { 'X-CSRF-Token': csrfToken },
        data,
      });
      expect([path, res.ok()]).toEqual([path, true]);
      return (res.status() === 204 ? undefined : await res.json()) as T;
    };
    const { plans } = await api<{ plans: { id: string; title: string }[] }>('get', '/api/plans');
    const plan = plans.find((p) => p.title === 'Teacher Leadership Plan')!;
    const { schools } = await api<{ schools: { id: string; name: string }[] }>('get', '/api/schools');
    const roleTitle = `Math lead ${crypto.randomUUID().slice(0, 8)}`;
    const created = await api<{ id: string }>('post', `/api/plans/${plan.id}/roles`, {
      title: roleTitle,
      schoolIds: [schools.find((school) => school.name === 'Riverbend Elementary')!.id],
    });
    await api('post', `/api/plans/${plan.id}/roles/${created.id}/submit`, {});
    const role = await api<{ version: number; status: string }>('get', `/api/plans/${plan.id}/roles/${created.id}`);
    await api(
      'delete',
      `/api/plans/${plan.id}/roles/${created.id}?version=${role.version}&status=${role.status}&reviews=0`,
    );

    // The principal follows the notification of the review: the page says the role is gone, not that the
    // address is wrong, and leads to the plan's other roles.
    await alicia.page.reload();
    await bell(alicia.page).click();
    await alicia.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    const unread = Number(/(\d+) unread/.exec((await bell(alicia.page).getAttribute('aria-label')) ?? '')?.[1]);
    await alicia.page.getByRole('link', { name: new RegExp(`^“${roleTitle}” in`) }).click();
    const gone = alicia.page.getByRole('heading', { level: 1, name: 'This role is no longer in the plan' });
    await expectFocused(gone, 'the heading of the deleted role’s page');
    await alicia.page.getByText('It may have been deleted, or the link may be meant for another account.').waitFor();
    expect(await alicia.page.getByRole('heading', { level: 1, name: 'Page not found' }).count()).toBe(0);
    // What told of it is read: the person has learned what became of the role.
    await alicia.page.getByRole('link', { name: `Notifications, ${String(unread - 1)} unread` }).waitFor();
    await expectNoAxeViolations(alicia.page, 'the page of a deleted role');
    await alicia.page.getByRole('link', { name: 'Go to the plan’s teacher-leader roles' }).click();
    await expectFocused(
      alicia.page.getByRole('heading', { level: 1, name: 'Teacher-leader roles' }),
      'the roles page heading',
    );

    // A measure's or a stakeholder's page removed since says so too, with the way to the rest of them.
    await alicia.page.goto(`${app.baseUrl}/plans/${plan.id}/measures/${crypto.randomUUID()}`);
    await alicia.page.getByRole('heading', { level: 1, name: 'This measure is no longer in the plan' }).waitFor();
    await expectNoAxeViolations(alicia.page, 'the page of a removed measure');
    await alicia.page.getByRole('link', { name: 'Go to the plan’s measures of success' }).click();
    await expectFocused(
      alicia.page.getByRole('heading', { level: 1, name: /^Stage 3: Define measures/ }),
      'the measures stage heading',
    );
    await alicia.page.goto(`${app.baseUrl}/plans/${plan.id}/stakeholders/${crypto.randomUUID()}`);
    await alicia.page.getByRole('heading', { level: 1, name: 'This stakeholder is no longer in the plan' }).waitFor();
    await alicia.page.getByRole('link', { name: 'Go to the plan’s stakeholders' }).click();
    await alicia.page.getByRole('heading', { level: 1, name: /^Stage 1: Design for impact/ }).waitFor();
    // And a whole plan.
    await alicia.page.goto(`${app.baseUrl}/plans/${crypto.randomUUID()}/roles/${created.id}`);
    await alicia.page.getByRole('heading', { level: 1, name: 'This plan is not in your district’s planner' }).waitFor();
    await alicia.page.getByRole('link', { name: 'Go to the plans' }).click();
    await alicia.page.getByRole('heading', { level: 1, name: /^(Plans|Reviews waiting for you)$/ }).waitFor();

    expect([...admin.errors, ...alicia.errors]).toEqual([]);
    await Promise.all([adminContext.close(), principalContext.close()]);
  });

  it('a link to a plan of another district, opened signed in elsewhere, names who is signed in and offers to switch', async () => {
    const context = await browser.newContext();
    const hillcrest = await signedIn(context, 'admin@hillcrest.test');
    const lakeviewContext = await browser.newContext();
    const lakeview = await signedIn(lakeviewContext, 'admin@lakeview.test');
    const { plans } = (await (await lakeview.page.request.get(`${app.baseUrl}/api/plans`)).json()) as {
      plans: { id: string; title: string }[];
    };
    const plan = plans.find((p) => p.title === 'Teacher Leadership Plan')!;
    await lakeviewContext.close();

    // Nothing says whether the plan exists: only that it is not in this district's planner, and who is here.
    await hillcrest.page.goto(`${app.baseUrl}/plans/${plan.id}/stages/design`);
    const heading = hillcrest.page.getByRole('heading', {
      level: 1,
      name: 'This plan is not in your district’s planner',
    });
    await heading.waitFor();
    const main = hillcrest.page.getByRole('main');
    await main.getByText('It may have been deleted, or the link may be meant for another account.').waitFor();
    await main
      .getByText('You are signed in as Jordan Ellis (admin@hillcrest.test), of Hillcrest School District.')
      .waitFor();
    await expectNoAxeViolations(hillcrest.page, 'the page of a plan not in the district');

    // Signed in again as the account the link was for, the person is back at the link.
    await main.getByRole('button', { name: 'Sign out and sign in as someone else' }).click();
    await hillcrest.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await hillcrest.page.getByLabel('Email').fill('admin@lakeview.test');
    await hillcrest.page.getByLabel('Password').fill('lakeview-demo');
    await hillcrest.page.getByRole('button', { name: 'Sign in' }).click();
    await hillcrest.page.getByRole('heading', { level: 1, name: /^Stage 1: Design for impact/ }).waitFor();
    expect(new URL(hillcrest.page.url()).pathname).toBe(`/plans/${plan.id}/stages/design`);
    expect([...hillcrest.errors, ...lakeview.errors]).toEqual([]);
    await context.close();
  });

  it('a reminder of an action due soon leads to the action itself, its folded section opened and focus on it', async () => {
    const adminContext = await browser.newContext();
    const admin = await signedIn(adminContext, 'admin@lakeview.test');
    const { csrfToken } = (await (await admin.page.request.get(`${app.baseUrl}/api/auth/me`)).json()) as {
      csrfToken: string;
    };
    const { plans } = (await (await admin.page.request.get(`${app.baseUrl}/api/plans`)).json()) as {
      plans: { id: string; title: string }[];
    };
    const planId = plans.find((p) => p.title === 'Teacher Leadership Plan')!.id;
    const { users } = (await (await admin.page.request.get(`${app.baseUrl}/api/users`)).json()) as {
      users: { id: string; email: string }[];
    };
    const owner = users.find((u) => u.email === 'principal@lakeview.test')!;
    const plan = (await (await admin.page.request.get(`${app.baseUrl}/api/plans/${planId}`)).json()) as {
      stages: { key: string; actions: { id: string; text: string; version: number; status: string }[] }[];
    };
    // The last action of the second stage, far down its page: the link must bring it into view.
    const stage = plan.stages[1]!;
    const action = stage.actions.filter((a) => a.status !== 'done').at(-1)!;
    const dueDate = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const owned = await admin.page.request.patch(`${app.baseUrl}/api/plans/${planId}/actions/${action.id}`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { ownerUserId: owner.id, dueDate, version: action.version },
    });
    expect(owned.ok()).toBe(true);
    await runJob('reminders');

    const context = await browser.newContext();
    const { page, errors } = await signedIn(context, 'principal@lakeview.test');
    // The actions' section is folded away on this device.
    await page.goto(`${app.baseUrl}/plans/${planId}/stages/${stage.key}`);
    await page.getByRole('heading', { level: 1, name: /^Stage 2:/ }).waitFor();
    await page.getByRole('button', { name: 'Fold away High-impact actions' }).click();
    await page.getByRole('button', { name: 'Show High-impact actions' }).waitFor();

    await page.getByRole('link', { name: /^Notifications, \d+ unread$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    // "Due on <date>: “<action>”".
    await page.getByRole('link', { name: `: “${action.text}”` }).click();
    expect(new URL(page.url()).hash).toBe(`#action-${action.id}`);
    const title = page.getByRole('heading', { level: 3, name: action.text, exact: true });
    await expectFocused(title, 'the title of the action the reminder is about');
    expect(
      await page.getByRole('button', { name: 'Fold away High-impact actions' }).getAttribute('aria-expanded'),
    ).toBe('true');
    expect(
      await title.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }),
    ).toBe(true);
    expect([...admin.errors, ...errors]).toEqual([]);
    await Promise.all([adminContext.close(), context.close()]);
  });

  it('a long list shows the latest 50; older ones come on asking, and focus moves to the first of them', async () => {
    if (!app.databaseUrl) throw new Error('This test needs the local Postgres to add notifications.');
    const db = new pg.Client({ connectionString: app.databaseUrl });
    await db.connect();
    try {
      // 55 notifications a minute apart: "Older notification 1" is the newest.
      await db.query(
        `insert into notifications (district_id, user_id, kind, title, link, created_at)
         select u.district_id, u.id, 'comment', 'Older notification ' || n, '/plans', now() - n * interval '1 minute'
         from users u, generate_series(1, 55) n where u.email = 'viewer@lakeview.test'`,
      );
    } finally {
      await db.end();
    }
    const context = await browser.newContext();
    const { page, errors } = await signedIn(context, 'viewer@lakeview.test');
    await page.goto(`${app.baseUrl}/notifications`);
    const list = page.getByRole('list', { name: 'Your notifications, newest first' });
    await list.getByText('Older notification 1', { exact: true }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(50);
    expect(await list.getByText('Older notification 51', { exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'Notifications, 55 unread' }).waitFor();

    await page.getByRole('button', { name: 'Show older notifications' }).click();
    await page.getByRole('status').filter({ hasText: '5 older notifications shown.' }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(55);
    const focused = page.locator(':focus');
    expect(await focused.textContent()).toContain('Older notification 51');
    // The last page is shown: nothing older to ask for.
    expect(await page.getByRole('button', { name: 'Show older notifications' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'the notifications page with older notifications shown');

    // Read on an older page counts at once.
    await list.getByRole('listitem').filter({ hasText: 'Older notification 55' }).getByRole('button').click();
    await page.getByText('54 unread notifications.').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
