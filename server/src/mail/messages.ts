import type { SignInMethod } from '@planner/shared/auth';
import { asSentence, listOf } from '@planner/shared/format';
import type { MailMessage } from './mailer';

/**
 * The planner's emails: a plain-text and an HTML part, the district's name, the one link, and nothing
 * that tracks whether it was opened (no images, no redirects).
 */
const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The small print at a mail's end; `url`, when given, follows its words (as a link in HTML). */
interface Closing {
  words: string;
  url?: string;
}

const closingText = (closing: Closing) => (closing.url ? `${closing.words} ${closing.url}` : closing.words);
const closingHtml = (closing: Closing) =>
  `<p style="color: #52606d">${escape(closing.words)}${
    closing.url ? ` <a href="${escape(closing.url)}">${escape(closing.url)}</a>` : ''
  }</p>`;

function message(
  to: string,
  subject: string,
  paragraphs: string[],
  link: { url: string; label: string },
  closing: string | Closing,
): MailMessage {
  const end = typeof closing === 'string' ? { words: closing } : closing;
  const text = [...paragraphs, `${link.label}: ${link.url}`, closingText(end)].join('\n\n');
  const html = [
    '<!doctype html><html lang="en"><body style="font-family: sans-serif; line-height: 1.5; color: #1f2933">',
    ...paragraphs.map((p) => `<p>${escape(p)}</p>`),
    `<p><a href="${escape(link.url)}">${escape(link.label)}</a></p>`,
    closingHtml(end),
    '</body></html>',
  ].join('\n');
  return { to, subject, text, html };
}

export function invitationMail(input: {
  to: string;
  name: string;
  districtName: string;
  roleLabel: string;
  /** A principal's schools by name (none yet: an administrator assigns them later); null for other roles. */
  schools: readonly string[] | null;
  invitedBy: string;
  acceptUrl: string;
  /** When the link stops working, as the district reads it ("Dec 6, 2026, 10:32 PM CST"). */
  worksUntil: string;
  signIn: SignInMethod;
}): MailMessage {
  const how =
    input.signIn.method === 'password'
      ? 'set your password and sign in'
      : input.signIn.passwordAllowed
        ? `sign in through ${input.signIn.providerName} with this email address (or choose a password)`
        : `sign in through ${input.signIn.providerName} with this email address`;
  const as = `as ${input.roleLabel.toLowerCase()}`;
  const role =
    input.schools === null
      ? `${as}.`
      : input.schools.length > 0
        ? `${as} of ${listOf(input.schools)}.`
        : `${as}. Your schools are not chosen yet: a district administrator will assign them to you later.`;
  return message(
    input.to,
    `You are invited to the ${input.districtName} Teacher Leadership Planner`,
    [
      `Hello ${input.name},`,
      `${input.invitedBy} invites you to the Teacher Leadership Planner of ${input.districtName}, ${role}`,
      `Open the link to ${how}. It works once, until ${input.worksUntil}.`,
    ],
    { url: input.acceptUrl, label: 'Accept the invitation' },
    `If you did not expect this, you can ignore this email.`,
  );
}

export function passwordResetMail(input: {
  to: string;
  name: string;
  districtName: string;
  resetUrl: string;
}): MailMessage {
  return message(
    input.to,
    `Reset your password for the ${input.districtName} Teacher Leadership Planner`,
    [
      `Hello ${input.name},`,
      `Someone asked to reset the password of your account in the Teacher Leadership Planner of ${input.districtName}.`,
      'Open the link within an hour to choose a new password. It works once.',
    ],
    { url: input.resetUrl, label: 'Choose a new password' },
    'If you did not ask for this, you can ignore this email: your password stays as it is.',
  );
}

/** Sent whenever a person's password changes (not when it is first set), so a change they did not make is seen. */
export function passwordChangedMail(input: {
  to: string;
  name: string;
  districtName: string;
  /** When, as the district reads it ("Nov 30, 2026, 10:45 AM CST"). */
  changedAt: string;
  /** Where a person asks for a reset link (the client's /forgot-password). */
  forgotPasswordUrl: string;
}): MailMessage {
  return message(
    input.to,
    `Your password for the ${input.districtName} Teacher Leadership Planner was changed`,
    [
      `Hello ${input.name},`,
      `The password of your account (${input.to}) in the Teacher Leadership Planner of ${input.districtName} was changed on ${input.changedAt}.`,
      'Your account was signed out everywhere else it was signed in: the new password is needed to sign in there again.',
      'If you changed it, there is nothing more to do. If you did not, choose a new password now with the link below, and tell your district administrator.',
    ],
    { url: input.forgotPasswordUrl, label: 'Choose a new password' },
    'You get this email whenever the password of your account changes.',
  );
}

/** Where a person changes how they hear of things (the client's /notifications/settings), for mail footers. */
export const notificationSettingsUrl = (publicUrl: string) => `${publicUrl}/notifications/settings`;

export function notificationMail(input: {
  to: string;
  name: string;
  districtName: string;
  title: string;
  /** When it happened, as the district reads it ("Nov 28, 2026, 9:10 PM CST"): a late email says so. */
  at: string;
  body: string;
  url: string;
  settingsUrl: string;
}): MailMessage {
  return message(
    input.to,
    input.title,
    // The subject is its title; the email says it as a sentence.
    [`Hello ${input.name},`, asSentence(input.title), input.at, ...(input.body ? [input.body] : [])],
    { url: input.url, label: 'Open it in the planner' },
    {
      words: `You get this email because of your notification settings in the ${input.districtName} Teacher Leadership Planner; change them at`,
      url: input.settingsUrl,
    },
  );
}

const digestClosing = (url: string): Closing => ({
  words: 'You get this digest because of your notification settings; change them at',
  url,
});

export function digestMail(input: {
  to: string;
  name: string;
  districtName: string;
  /** `at`: when it happened, as the district reads it ("Nov 28, 2026, 9:10 PM CST"). */
  items: { title: string; at: string; body: string; url: string }[];
  settingsUrl: string;
}): MailMessage {
  const subject = `Your daily digest: ${input.items.length} ${input.items.length === 1 ? 'thing' : 'things'} in the Teacher Leadership Planner`;
  const text = [
    `Hello ${input.name},`,
    `Here is what concerned you in the ${input.districtName} Teacher Leadership Planner since the last digest:`,
    ...input.items.map((i) => `- ${i.title}\n  ${i.at}${i.body ? `\n  ${i.body}` : ''}\n  ${i.url}`),
    closingText(digestClosing(input.settingsUrl)),
  ].join('\n\n');
  const html = [
    '<!doctype html><html lang="en"><body style="font-family: sans-serif; line-height: 1.5; color: #1f2933">',
    `<p>${escape(`Hello ${input.name},`)}</p>`,
    `<p>${escape(`Here is what concerned you in the ${input.districtName} Teacher Leadership Planner since the last digest:`)}</p>`,
    '<ul>',
    ...input.items.map(
      (i) =>
        `<li><a href="${escape(i.url)}">${escape(i.title)}</a><br>${escape(i.at)}${i.body ? `<br>${escape(i.body)}` : ''}</li>`,
    ),
    '</ul>',
    closingHtml(digestClosing(input.settingsUrl)),
    '</body></html>',
  ].join('\n');
  return { to: input.to, subject, text, html };
}
