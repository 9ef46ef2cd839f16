function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | undefined;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** 23505: a unique index refused the row. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/** 23503: the row references something that is gone (e.g. a collection deleted meanwhile). */
export function isForeignKeyViolation(error: unknown): boolean {
  return sqlState(error) === '23503';
}
