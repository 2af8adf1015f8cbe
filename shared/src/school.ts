import { z } from 'zod';

export const schoolSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** The principals who review what concerns this school. */
    principals: z.array(z.object({ id: z.uuid(), name: z.string() })),
  })
  .meta({ id: 'School' });
export type School = z.infer<typeof schoolSchema>;

export const schoolListSchema = z.object({ schools: z.array(schoolSchema) }).meta({ id: 'SchoolList' });
export type SchoolList = z.infer<typeof schoolListSchema>;

export const schoolParamsSchema = z.object({ schoolId: z.uuid({ error: 'must be a school id (a UUID)' }) });
