import { z } from 'zod';
import { lineSchema, versionSchema, withFieldToChange } from './common';
import { userRoleLabels, userRoles } from './user-role';
import { choiceSchema } from './common';

/** A person of the district: who owns actions, reviews roles and signs in. */
export const districtUserSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: z.enum(userRoles),
    /** The schools a principal leads; empty for other roles. */
    schoolIds: z.array(z.uuid()),
    /** A deactivated person cannot sign in; what they wrote keeps their name. */
    active: z.boolean(),
    /** When they last signed in (null: never); told to administrators only, who manage the district's people. */
    lastSignInAt: z.iso.datetime().nullable().optional(),
    version: z.number().int(),
  })
  .meta({ id: 'DistrictUser' });
export type DistrictUser = z.infer<typeof districtUserSchema>;

export const districtUserListSchema = z.object({ users: z.array(districtUserSchema) }).meta({ id: 'DistrictUserList' });

export const userParamsSchema = z.object({ userId: z.uuid({ error: 'must be a person id (a UUID)' }) });

export const personNameMax = 200;
export const personNameSchema = lineSchema(personNameMax).min(1, { error: 'must not be empty' });
export const userRoleChoice = choiceSchema(userRoles, userRoleLabels);
export const schoolIdsSchema = z
  .array(z.uuid({ error: 'must list school ids (UUIDs)' }), { error: 'must be a list of schools' })
  .max(100, { error: 'must list at most 100 schools' })
  .refine((ids) => new Set(ids).size === ids.length, { error: 'must not list the same school twice' });

/** What an admin changes of a person; deactivating ends every session of theirs at once. */
export const updateUserSchema = withFieldToChange(
  z.object({
    name: personNameSchema.optional(),
    role: userRoleChoice.optional(),
    schoolIds: schoolIdsSchema.optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
    version: versionSchema,
  }),
).meta({ id: 'UpdateUser', example: { role: 'principal', version: 1 } });
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const peopleEventKinds = [
  'invited',
  'invitation_resent',
  'invitation_revoked',
  'joined',
  'renamed',
  'role_changed',
  'schools_changed',
  'deactivated',
  'reactivated',
  'reset_link_made',
  'password_reset',
  'sign_in_settings_changed',
  'sign_in_domain_added',
  'sign_in_domain_verified',
  'sign_in_domain_removed',
  'sign_in_domain_released',
  'time_zone_changed',
] as const;
export type PeopleEventKind = (typeof peopleEventKinds)[number];

/** One line of the People page's log: who did what to whom, and when. */
export const peopleEventSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(peopleEventKinds),
    actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    subject: z.object({ id: z.uuid().nullable(), name: z.string(), email: z.string() }),
    note: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PeopleEvent' });
export type PeopleEvent = z.infer<typeof peopleEventSchema>;
export const peopleEventListSchema = z.object({ events: z.array(peopleEventSchema) }).meta({ id: 'PeopleEventList' });
