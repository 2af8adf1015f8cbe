import type { UserRole } from './user-role';
import { z } from 'zod';

/** What a person is told about: what concerns them, not everything that happens. */
export const notificationKinds = [
  'comment',
  'mention',
  'review_waiting',
  'role_decided',
  'action_due',
  'reading_due',
  'invitation_accepted',
  'sign_in_domain_missing',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
export const notificationKindLabels: Record<NotificationKind, string> = {
  comment: 'A comment on something I wrote or commented on',
  mention: 'A comment that mentions me',
  review_waiting: 'A role waiting for my review',
  role_decided: 'A role I submitted approved, or sent back with changes requested',
  action_due: 'An action I own due within 7 days, or overdue',
  reading_due: 'A measure I am responsible for with a reading due',
  invitation_accepted: 'An invitation I sent accepted',
  sign_in_domain_missing: 'A sign-in domain whose TXT record has gone missing',
};

/**
 * The kinds that can reach a person of this role: reviews wait for principals; roles are submitted and people
 * invited, and sign-in domains kept, by administrators; comments, mentions and what one owns reach anyone.
 */
export function notificationKindsFor(role: UserRole): readonly NotificationKind[] {
  return notificationKinds.filter((kind) => {
    if (kind === 'review_waiting') return role === 'principal';
    if (kind === 'role_decided' || kind === 'invitation_accepted' || kind === 'sign_in_domain_missing') {
      return role === 'district_admin';
    }
    return true;
  });
}

export const deliveries = ['in_app', 'email_now', 'email_digest'] as const;
export type Delivery = (typeof deliveries)[number];
export const deliveryLabels: Record<Delivery, string> = {
  in_app: 'In the planner only',
  email_now: 'Also by email, at once',
  email_digest: 'Also by email, in a daily digest',
};

export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(notificationKinds),
    title: z.string(),
    body: z.string(),
    /** Where in the planner it leads. */
    link: z.string(),
    planId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    read: z.boolean(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;

/** Notifications a page of the list holds. */
export const notificationPageSize = 50;

export const notificationListSchema = z
  .object({
    notifications: z.array(notificationSchema),
    unread: z.number().int(),
    /** Pass as `before` for the next (older) page; null on the last page. */
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'NotificationList' });

/** A place in the list: the microsecond and id of the last notification of a page. */
const cursorPattern = /^\d{1,17}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const notificationListQuerySchema = z.object({
  /** The `nextCursor` of the page before: the notifications older than it. */
  before: z.string().regex(cursorPattern, { error: 'must be a cursor this list gave (nextCursor)' }).optional(),
});
export type NotificationList = z.infer<typeof notificationListSchema>;

/**
 * Where notifications about a comment thread, and about a role, lead: the server links there, and the page
 * there marks them read as the person arrives (`{ link }` below), so both build the link here.
 */
export const threadLink = (planId: string, threadId: string) => `/plans/${planId}/comments?thread=${threadId}`;
export const roleLink = (planId: string, roleId: string) => `/plans/${planId}/roles/${roleId}`;
/** The anchor of an action on its stage's page, which scrolls to it, opens its section and focuses it. */
export const actionAnchor = (actionId: string) => `action-${actionId}`;
/** Where a reminder of an action leads: the action itself, on its stage's page. */
export const actionLink = (planId: string, stageKey: string, actionId: string) =>
  `/plans/${planId}/stages/${stageKey}#${actionAnchor(actionId)}`;
/** The role a roleLink leads to, or null for any other link. */
export function roleOfLink(link: string): { planId: string; roleId: string } | null {
  const match = /^\/plans\/([0-9a-f-]{36})\/roles\/([0-9a-f-]{36})$/.exec(link);
  return match ? { planId: match[1]!, roleId: match[2]! } : null;
}

export const markReadSchema = z
  .union([
    z.object({
      ids: z
        .array(z.uuid({ error: 'must list notifications (ids)' }), { error: 'must be a list of notification ids' })
        .min(1, { error: 'must list at least one notification id' })
        .max(500, { error: 'must be at most 500 ids' }),
    }),
    z.object({ all: z.literal(true, { error: 'must be true' }) }),
    /** Those that lead to this page of the planner (see threadLink and roleLink). */
    z.object({
      link: z
        .string({ error: 'must be the path of a page of the planner' })
        .startsWith('/', { error: 'must be the path of a page of the planner' })
        .max(500, { error: 'must be at most 500 characters' }),
    }),
  ])
  .meta({ id: 'MarkRead', example: { all: true } });
export type MarkRead = z.infer<typeof markReadSchema>;

export const notificationSettingsSchema = z
  .object({
    settings: z.object(
      Object.fromEntries(
        notificationKinds.map((k) => [
          k,
          z.enum(deliveries, {
            error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${deliveries.join(', ')}`),
          }),
        ]),
      ) as Record<NotificationKind, z.ZodEnum<{ [K in Delivery]: K }>>,
    ),
  })
  .meta({
    id: 'NotificationSettings',
    example: { settings: Object.fromEntries(notificationKinds.map((k) => [k, 'in_app'])) },
  });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

/**
 * Unless a person chooses otherwise: mentions, reviews and a sign-in domain about to be released by email at once,
 * reminders in the digest.
 */
export const defaultDelivery: Record<NotificationKind, Delivery> = {
  comment: 'in_app',
  mention: 'email_now',
  review_waiting: 'email_now',
  role_decided: 'email_now',
  action_due: 'email_digest',
  reading_due: 'email_digest',
  invitation_accepted: 'in_app',
  sign_in_domain_missing: 'email_now',
};
