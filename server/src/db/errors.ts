/** Postgres errors by SQLSTATE (node-postgres and PGlite both report `code` and `constraint`). */
interface PostgresError {
  code?: string;
  constraint?: string;
}

const postgresError = (err: unknown): PostgresError => (typeof err === 'object' && err !== null ? err : {});

export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = postgresError(err);
  return e.code === '23505' && e.constraint === constraint;
}

export function isForeignKeyViolation(err: unknown, constraint: string): boolean {
  const e = postgresError(err);
  return e.code === '23503' && e.constraint === constraint;
}

/** The SQLSTATE of a database error, or undefined for anything else. */
export const sqlStateOf = (err: unknown): string | undefined => postgresError(err).code;
