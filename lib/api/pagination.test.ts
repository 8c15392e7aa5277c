import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/platform/errors";
import { decodeCursor, encodeCursor, toPage } from "./pagination";

describe("cursor pagination", () => {
  const key = { createdAt: "2026-01-02 03:04:05.123456+00", id: "6f1c2a9e-1d7b-4f55-9a0e-2b9c1d2e3f40" };

  it("round-trips a position, microseconds included, as an opaque url-safe string", () => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it.each([
    "garbage",
    encodeCursor({ createdAt: "yesterday'; drop table runs; --", id: key.id }),
    encodeCursor({ createdAt: key.createdAt, id: "1" }),
    Buffer.from("{}").toString("base64url"),
  ])("refuses a cursor it did not make: %s", (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(AppError);
    try {
      decodeCursor(cursor);
    } catch (error) {
      expect((error as AppError).code).toBe("bad_request:cursor");
    }
  });

  it("uses the extra row only to know a next page exists", () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id-${n}`, pageCreatedAt: `2026-01-0${n} 00:00:00+00`, n }));
    const first = toPage(rows, 2, (row) => row.n);
    expect(first.data).toEqual([1, 2]);
    expect(decodeCursor.bind(null, first.nextCursor!)).toThrow(); // ids here are not uuids: the shape is still checked
    expect(JSON.parse(Buffer.from(first.nextCursor!, "base64url").toString())).toEqual([
      "2026-01-02 00:00:00+00",
      "id-2",
    ]);
    expect(toPage(rows.slice(0, 2), 2, (row) => row.n)).toEqual({ data: [1, 2], nextCursor: null });
    expect(toPage([], 2, (row: (typeof rows)[number]) => row.n)).toEqual({ data: [], nextCursor: null });
  });
});
