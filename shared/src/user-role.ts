import { z } from 'zod';

/** The three kinds of people in a district; see DESIGN.md "People". */
export const userRoles = ['district_admin', 'principal', 'viewer'] as const;
export const userRoleSchema = z.enum(userRoles);
export type UserRole = z.infer<typeof userRoleSchema>;

export const userRoleLabels: Record<UserRole, string> = {
  district_admin: 'District administrator',
  principal: 'Principal',
  viewer: 'Viewer',
};
