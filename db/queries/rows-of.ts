/**
 * The rows of a `db.execute` result: postgres.js returns an array, PGlite an object with
 * `rows`. Raw statements go through this so they read alike on both drivers.
 */
export const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
