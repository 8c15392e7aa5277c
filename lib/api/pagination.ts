import { z } from "zod";
import type { PageKey } from "@/db/queries/page-key";
import { AppError } from "@/lib/platform/errors";

// Cursor pagination over (created_at, id): stable while rows are added, unlike offsets.
// The cursor is opaque to clients (base64url JSON); its content is checked before it
// reaches SQL.

export const paginationQuery = {
  cursor: z.string().max(200).optional().describe("The `nextCursor` of the previous page"),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("Items per page, 1 to 100"),
};

const timestamp = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;
const cursorContent = z.tuple([z.string().regex(timestamp), z.uuid()]);

export function encodeCursor(key: PageKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): PageKey | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [createdAt, id] = cursorContent.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { createdAt, id };
  } catch {
    throw new AppError("bad_request:cursor", "The cursor is not one this API returned");
  }
}

export type Page<T> = { data: T[]; nextCursor: string | null };

/** A response schema for a page of `item`. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page"),
  });

/**
 * Turns rows fetched with `limit + 1` into a page: the extra row only proves there is a
 * next page, and the last row shown is where it starts.
 */
export function toPage<R extends { id: string; pageCreatedAt: string }, T>(
  rows: R[],
  limit: number,
  serialize: (row: R) => T,
): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    data: shown.map(serialize),
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.pageCreatedAt, id: last.id }) : null,
  };
}
