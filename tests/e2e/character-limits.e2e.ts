import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, type RunningApp } from './support/server';
import { expectNoAxeViolations, launchBrowser, openPage, openPlan, signInAs } from './support/browser';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Puts the text on the clipboard and pastes it into the field with the keyboard, as a person would. */
async function paste(page: Page, field: Locator, text: string, { replaceAll = false } = {}): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await field.focus();
  if (replaceAll) await page.keyboard.press('Control+A');
  else await field.press('End');
  await page.keyboard.press('Control+V');
}

/** What a screen reader reads after the field's name: the texts its aria-describedby names. */
const descriptionOf = (field: Locator) =>
  field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
      .filter(Boolean)
      .join(' '),
  );

/** The field around a control: its label, hint, count and the news of a cut paste. */
const fieldOf = (control: Locator) => control.locator('xpath=ancestor::div[contains(@class, "field")][1]');

const saved = (page: Page) =>
  page
    .getByRole('status')
    .filter({ hasText: /^Saved/ })
    .first();

describe('fields with a character limit', () => {
  it('a paste too long for an action’s Notes or a role’s Purpose is cut, and the page says so and by how much', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);

    // An action's Notes hold 5,000 characters: 6,000 pasted keep the first 5,000, and the field says so.
    const notes = page.getByRole('textbox', { name: 'Notes', exact: true }).first();
    const notesField = notes.locator('xpath=ancestor::div[contains(@class, "field")][1]');
    expect(await descriptionOf(notes)).toMatch(/^[\d,]+ of 5,000 characters$/);
    await paste(page, notes, 'n'.repeat(6000), { replaceAll: true });
    await notesField.getByText('The pasted text was cut: 1,000 characters did not fit.').waitFor();
    expect((await notes.inputValue()).length).toBe(5000);
    expect(await descriptionOf(notes)).toContain('5,000 of 5,000 characters: the limit. Anything longer is not kept.');
    // The message sits in a polite live region, so a screen reader says it without taking focus.
    expect(
      await notesField
        .getByText('The pasted text was cut: 1,000 characters did not fit.')
        .evaluate((element) => element.closest('[aria-live]')?.getAttribute('aria-live')),
    ).toBe('polite');
    await saved(page).waitFor();
    await expectNoAxeViolations(page, 'stage 1 after a paste cut short in an action’s Notes');

    // Once text is taken out, the news of the cut goes and the count counts again.
    await notes.press('Backspace');
    await notesField.getByText('4,999 of 5,000 characters', { exact: true }).waitFor();
    expect(await notesField.getByText(/did not fit/).count()).toBe(0);

    // A role's Purpose: 6,300 characters pasted over its text (the selection they replace counts as room).
    await page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: 'Teacher-leader roles' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Teacher-leader roles' }).waitFor();
    await page.getByRole('radio', { name: /Instructional coach/ }).check();
    await page.getByRole('textbox', { name: 'Title' }).fill('Reading coach');
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reading coach' }).waitFor();
    const purpose = page.getByRole('textbox', { name: 'Purpose', exact: true });
    expect((await purpose.inputValue()).length).toBeGreaterThan(0);
    await paste(page, purpose, 'p'.repeat(6300), { replaceAll: true });
    const purposeField = purpose.locator('xpath=ancestor::div[contains(@class, "field")][1]');
    await purposeField.getByText('The pasted text was cut: 1,300 characters did not fit.').waitFor();
    expect(await purpose.inputValue()).toBe('p'.repeat(5000));
    const purposeDescription = await descriptionOf(purpose);
    expect(purposeDescription).toContain("How the role serves the district's priorities.");
    expect(purposeDescription).toContain('5,000 of 5,000 characters: the limit. Anything longer is not kept.');

    // A one-line title has no standing count, but says the same at its limit of 200: 250 characters pasted after
    // its 13 have room for 187.
    const title = page.getByRole('textbox', { name: 'Title', exact: true });
    expect(await descriptionOf(title)).toBe('');
    await paste(page, title, 't'.repeat(250));
    const titleField = title.locator('xpath=ancestor::div[contains(@class, "field")][1]');
    await titleField.getByText('The pasted text was cut: 63 characters did not fit.').waitFor();
    expect(await title.inputValue()).toBe(`Reading coach${'t'.repeat(187)}`);
    expect(await descriptionOf(title)).toBe('200 of 200 characters: the limit. Anything longer is not kept.');
    await saved(page).waitFor();
    await expectNoAxeViolations(page, 'the role page after pastes cut short');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('a paste too long for a one-line field of a form (a plan’s title, a school’s name, a link’s name) is cut, said, and what was kept is saved', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    const toMain = async (link: string, heading: string) => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    };

    /** Pastes 250 characters into a field of 200 and checks what the person is told: 50 did not fit. */
    const pasteTooLong = async (control: Locator, text: string, options?: { replaceAll: boolean }) => {
      expect(text).toHaveLength(250);
      await paste(page, control, text, options);
      const message = fieldOf(control).getByText('The pasted text was cut: 50 characters did not fit.');
      await message.waitFor();
      expect(await message.evaluate((element) => element.closest('[aria-live]')?.getAttribute('aria-live'))).toBe(
        'polite',
      );
      expect(await control.inputValue()).toBe(text.slice(0, 200));
      expect(await descriptionOf(control)).toContain('200 of 200 characters: the limit. Anything longer is not kept.');
    };

    // A new plan's title.
    const newPlan = page.getByRole('region', { name: 'New plan' });
    const newTitle = newPlan.getByRole('textbox', { name: 'Title' });
    const pastedTitle = `Lakeview plan ${'p'.repeat(236)}`;
    // Short of the limit, a one-line field says nothing of it.
    expect(await descriptionOf(newTitle)).toBe('');
    await pasteTooLong(newTitle, pastedTitle);
    await expectNoAxeViolations(page, 'the plans page after a paste cut short in the title');
    await newPlan.getByRole('textbox', { name: 'School year' }).fill('2029-30');
    await newPlan.getByRole('button', { name: 'Create plan' }).click();
    await page.getByRole('heading', { level: 1, name: /Stage 1/ }).waitFor();

    // The plan renamed in its settings: the paste replaces the whole title, so all 200 are room.
    await page.getByText('Plan settings', { exact: true }).click();
    const settingsTitle = page.getByRole('textbox', { name: 'Title' });
    expect(await settingsTitle.inputValue()).toBe(pastedTitle.slice(0, 200));
    expect(await descriptionOf(settingsTitle)).toBe('200 of 200 characters: the limit. Anything longer is not kept.');
    const renamed = `Renamed plan ${'r'.repeat(237)}`;
    await pasteTooLong(settingsTitle, renamed, { replaceAll: true });
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.', { exact: true }).waitFor();
    await toMain('Plans', 'Plans');
    await page.getByRole('link', { name: renamed.slice(0, 200), exact: true }).waitFor();

    // A school's name; once the school is added, the emptied field no longer speaks of the paste.
    await toMain('Schools', 'Schools');
    const addSchool = page.getByRole('region', { name: 'Add a school' });
    const schoolName = addSchool.getByRole('textbox', { name: 'School name' });
    const pastedSchool = `Lakeview ${'s'.repeat(241)}`;
    await pasteTooLong(schoolName, pastedSchool);
    await expectNoAxeViolations(page, 'the schools page after a paste cut short');
    await addSchool.getByRole('button', { name: 'Add school' }).click();
    await page.getByRole('heading', { level: 3, name: pastedSchool.slice(0, 200), exact: true }).waitFor();
    expect(await schoolName.inputValue()).toBe('');
    expect(await addSchool.getByText(/did not fit/).count()).toBe(0);

    // A share link's name.
    await toMain('Plans', 'Plans');
    await openPlan(page, renamed.slice(0, 200));
    await page.getByRole('navigation', { name: 'Plan pages' }).getByRole('link', { name: 'Dashboard' }).click();
    const share = page.getByRole('region', { name: 'Share with the board' });
    const linkName = share.getByRole('textbox', { name: 'Name', exact: true });
    const pastedLinkName = `For the board ${'b'.repeat(236)}`;
    await pasteTooLong(linkName, pastedLinkName);
    await share.getByRole('button', { name: 'Make the link' }).click();
    await share.getByRole('rowheader', { name: pastedLinkName.slice(0, 200), exact: true }).waitFor();
    expect(await share.getByText(/did not fit/).count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('one-line fields', () => {
  it('a paste of several lines is saved as one line, and a pasted text-direction override is left out of what is saved', async () => {
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl });
    const { page, errors } = await openPage(context);
    await signInAs(page, app.baseUrl, 'admin@lakeview.test');
    await openPlan(page);
    await page
      .getByRole('navigation', { name: 'Plan pages' })
      .getByRole('link', { name: 'Teacher-leader roles' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Teacher-leader roles' }).waitFor();
    await page.getByRole('radio', { name: /Mentor/ }).check();
    await page.getByRole('textbox', { name: 'Title' }).fill('Induction mentor');
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { level: 1, name: 'Induction mentor' }).waitFor();

    // Two lines (and a tab) copied from a document or a sheet: the role keeps them as one line.
    const reportsTo = page.getByRole('textbox', { name: 'Reports to', exact: true });
    await paste(page, reportsTo, 'Principal\r\nof the school\tand the coach', { replaceAll: true });
    await saved(page).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Induction mentor' }).waitFor();
    expect(await reportsTo.inputValue()).toBe('Principal of the school and the coach');

    // "fdp.exe" after a right-to-left override shows as "exe.pdf": the override is left out of the title saved.
    const title = page.getByRole('textbox', { name: 'Title', exact: true });
    await paste(page, title, 'Induction mentor\u202Efdp.exe', { replaceAll: true });
    await saved(page).waitFor();
    await expectNoAxeViolations(page, 'the role page after a title with an override was saved');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Induction mentorfdp.exe' }).waitFor();
    expect(await title.inputValue()).toBe('Induction mentorfdp.exe');

    expect(errors).toEqual([]);
    await context.close();
  });
});
