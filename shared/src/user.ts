import { z } from 'zod';
import { userRoleSchema } from './user-role';

/** A person of the district, as others see them (owners of actions, reviewers of roles). */
export const districtUserSchema = z
  .object({ id: z.uuid(), name: z.string(), role: userRoleSchema })
  .meta({ id: 'DistrictUser' });
export type DistrictUser = z.infer<typeof districtUserSchema>;

export const districtUserListSchema = z.object({ users: z.array(districtUserSchema) }).meta({ id: 'DistrictUserList' });
