import { z } from 'zod';

/** A school year such as 2026-27: the second year follows the first. */
export const schoolYearSchema = z
  .string({ error: 'must be a school year such as 2026-27' })
  .regex(/^\d{4}-\d{2}$/, { error: 'must look like 2026-27' })
  .refine((v) => (Number(v.slice(0, 4)) + 1) % 100 === Number(v.slice(5)), {
    error: 'the second year must follow the first, as in 2026-27',
  });

/** Dates travel as YYYY-MM-DD and must be real calendar dates. */
export const isoDateSchema = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

/** The version an edit was based on; Postgres integer columns hold it. */
export const versionSchema = z
  .number({ error: 'must be the version number you last loaded' })
  .int({ error: 'must be the version number you last loaded' })
  .min(1, { error: 'must be the version number you last loaded' })
  .max(2_147_483_647, { error: 'must be the version number you last loaded' });
