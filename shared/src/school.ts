import { z } from 'zod';
import { lineSchema, versionSchema, withFieldToChange } from './common';

export const schoolSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** The principals who review what concerns this school. */
    principals: z.array(z.object({ id: z.uuid(), name: z.string() })),
    /** An archived school drops out of pickers but stays on what already names it. */
    archived: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'School' });
export type School = z.infer<typeof schoolSchema>;

export const schoolListSchema = z.object({ schools: z.array(schoolSchema) }).meta({ id: 'SchoolList' });
export type SchoolList = z.infer<typeof schoolListSchema>;

export const schoolParamsSchema = z.object({ schoolId: z.uuid({ error: 'must be a school id (a UUID)' }) });

export const schoolNameMax = 200;
const schoolName = lineSchema(schoolNameMax).min(1, { error: 'must not be empty' });

export const createSchoolSchema = z
  .object({ name: schoolName })
  .meta({ id: 'CreateSchool', example: { name: 'Lakeview Middle School' } });
export type CreateSchool = z.infer<typeof createSchoolSchema>;

export const updateSchoolSchema = withFieldToChange(
  z.object({
    name: schoolName.optional(),
    archived: z.boolean({ error: 'must be true or false' }).optional(),
    version: versionSchema,
  }),
).meta({ id: 'UpdateSchool', example: { name: 'Lakeview Middle School North', version: 1 } });
export type UpdateSchool = z.infer<typeof updateSchoolSchema>;
