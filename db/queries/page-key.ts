/**
 * A keyset position for cursor pagination: created_at as Postgres text (microseconds
 * kept; a JS Date would drop them and skip or repeat rows) and the row id.
 */
export type PageKey = { createdAt: string; id: string };
