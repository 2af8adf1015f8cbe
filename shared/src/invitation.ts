import { z } from 'zod';
import { signInMethodSchema } from './auth';
import { userRoles } from './user-role';
import { personNameSchema, schoolIdsSchema, userRoleChoice } from './user';
import { newPasswordSchema } from './password';
import { emailAddressSchema } from './common';

/** Invitations last a week; the person sets their own name and password when they accept. */
export const invitationDays = 7;

export const emailSchema = emailAddressSchema('must be an address like name@district.org');

export const createInvitationSchema = z
  .object({
    email: emailSchema,
    name: personNameSchema,
    role: userRoleChoice,
    /** For a principal: the schools whose roles they review. */
    schoolIds: schoolIdsSchema.default([]),
  })
  .meta({
    id: 'CreateInvitation',
    example: { email: 'new.principal@lakeview.test', name: 'Sam Carter', role: 'principal', schoolIds: [] },
  });
export type CreateInvitation = z.infer<typeof createInvitationSchema>;

export const invitationStatuses = ['open', 'expired'] as const;

export const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: z.enum(userRoles),
    schoolIds: z.array(z.uuid()),
    status: z.enum(invitationStatuses),
    expiresAt: z.iso.datetime(),
    invitedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    createdAt: z.iso.datetime(),
    /** Whether the invitation went out by email (mail is configured); the link is the admin's to send otherwise. */
    emailed: z.boolean(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof invitationSchema>;

/** An invitation just made or sent again, with its link: shown once, to copy; never stored. */
export const invitationWithLinkSchema = invitationSchema
  .extend({ acceptUrl: z.url() })
  .meta({ id: 'InvitationWithLink' });
export type InvitationWithLink = z.infer<typeof invitationWithLinkSchema>;

export const invitationListSchema = z.object({ invitations: z.array(invitationSchema) }).meta({ id: 'InvitationList' });

export const invitationParamsSchema = z.object({
  invitationId: z.uuid({ error: 'must be an invitation id (a UUID)' }),
});
export const tokenParamsSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, { error: 'is not a link this planner made' }),
});

/** What the person opening an invitation sees before accepting it. */
export const invitationPreviewSchema = z
  .object({
    districtName: z.string(),
    /** The district's time zone (IANA), in which the page shows when the link stops working. */
    districtTimeZone: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(userRoles),
    schools: z.array(z.string()),
    expiresAt: z.iso.datetime(),
    /**
     * How the invitee will sign in. Where the district signs their email's domain in through its provider, they
     * join by signing in there (the invitation is accepted on their way back); with `passwordAllowed` false, a
     * password is not accepted at all.
     */
    signIn: signInMethodSchema,
  })
  .meta({ id: 'InvitationPreview' });
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;

export const acceptInvitationSchema = z
  .object({ name: personNameSchema, password: newPasswordSchema })
  .meta({ id: 'AcceptInvitation', example: { name: 'Sam Carter', password: 'a long pass phrase of mine' } });
export type AcceptInvitation = z.infer<typeof acceptInvitationSchema>;
