// Postgres refuses a NUL character in text ("invalid byte sequence"), so a NUL anywhere in
// input would become a 500 from deep inside a query; and a structure nested thousands of
// levels deep costs stack in every recursive walk (zod, JSON.stringify). No field of this
// API or of its forms legitimately holds either, so both are refused before any schema runs.

/** Deeper than any input this app takes (a plan is 3 levels); far below a stack's limit. */
export const MAX_INPUT_DEPTH = 32;

type UnsafeInput = { path: (string | number)[]; message: string };

const nulMessage = "Must not contain a NUL character (\\u0000)";

/** The first NUL (in a string or an object key) or nesting past MAX_INPUT_DEPTH in `value`, or null. */
export function findUnsafeInput(value: unknown, path: (string | number)[] = [], depth = 0): UnsafeInput | null {
  if (typeof value === "string") return value.includes("\u0000") ? { path, message: nulMessage } : null;
  if (typeof value !== "object" || value === null) return null;
  // Named as a whole: the path down to the 32nd level says nothing a person can use.
  if (depth >= MAX_INPUT_DEPTH) return { path: [], message: `Is nested more than ${MAX_INPUT_DEPTH} levels deep` };
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    // The key itself would make a poor field name: the object holding it is named instead.
    if (typeof key === "string" && key.includes("\u0000"))
      return { path, message: "Has a field name that contains a NUL character" };
    const found = findUnsafeInput(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
