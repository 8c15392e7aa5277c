/** A UUID in its canonical textual form (any version), as Postgres' uuid columns hold them. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` can be looked up in a uuid column (anything else would be a query error, not a miss). */
export const isUuid = (value: string): boolean => UUID_PATTERN.test(value);
