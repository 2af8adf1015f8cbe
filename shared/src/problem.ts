import { z } from 'zod';

/** Stable error codes: the server throws them, the client switches on them. */
export const problemCodes = [
  'invalid_input',
  'invalid_json',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_failed',
  'not_found',
  'version_conflict',
  'conflict',
  'plan_archived',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_attempts',
  'service_unavailable',
  'internal',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export const fieldErrorSchema = z.object({
  /** Where the field was sent: the JSON body, the query string or the path. */
  in: z.enum(['body', 'query', 'params']),
  /** Dotted path of the field, for example `email` or `responsibilities.2.text`. */
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem details, with our stable `code` and per-field `errors`. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(problemCodes),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(fieldErrorSchema).optional(),
    /** On a version conflict: the row as it is now, so the person can compare. */
    current: z.unknown().optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

export const problemContentType = 'application/problem+json';
