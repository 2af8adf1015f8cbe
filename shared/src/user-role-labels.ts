/**
 * The three kinds of people in a district (see DESIGN.md "People") and their names on the screen, apart
 * from their schema so that the app's header can show a role without loading zod.
 */
export const userRoles = ['district_admin', 'principal', 'viewer'] as const;

export const userRoleLabels: Record<(typeof userRoles)[number], string> = {
  district_admin: 'District administrator',
  principal: 'Principal',
  viewer: 'Viewer',
};
