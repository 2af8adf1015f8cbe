/** Postgres through node-pg and through PGlite hand back dates differently; presenters use these. */
export function toIsoDate(value: Date | string | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

export function toIsoDateTime(value: Date | string): string {
  return new Date(value).toISOString();
}
