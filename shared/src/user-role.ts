import { z } from 'zod';
import { userRoles } from './user-role-labels';

export { userRoleLabels, userRoles } from './user-role-labels';

/** The three kinds of people in a district; see DESIGN.md "People". */
export const userRoleSchema = z.enum(userRoles);
export type UserRole = z.infer<typeof userRoleSchema>;
