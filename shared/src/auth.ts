import { z } from 'zod';
import { userRoleSchema } from './user-role';

export const loginRequestSchema = z
  .object({
    email: z.email({ error: 'Enter an email address, like name@district.org.' }).max(254),
    password: z.string().min(1, { error: 'Enter your password.' }).max(200),
  })
  .meta({ id: 'LoginRequest', example: { email: 'admin@lakeview.test', password: 'lakeview-demo' } });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const schoolSummarySchema = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'SchoolSummary' });
export type SchoolSummary = z.infer<typeof schoolSummarySchema>;

/** Who is signed in: answered by login and by GET /api/auth/me. */
export const currentUserSchema = z
  .object({
    user: z.object({
      id: z.uuid(),
      email: z.email(),
      name: z.string(),
      role: userRoleSchema,
    }),
    district: z.object({ id: z.uuid(), name: z.string() }),
    /** The schools a principal belongs to; empty for other roles. */
    schools: z.array(schoolSummarySchema),
    /** Sent back in the X-CSRF-Token header of every state-changing request. */
    csrfToken: z.string(),
  })
  .meta({ id: 'CurrentUser' });
export type CurrentUser = z.infer<typeof currentUserSchema>;

export const csrfHeaderName = 'X-CSRF-Token';
