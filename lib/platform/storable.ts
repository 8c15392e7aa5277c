import { hasNul } from "./has-nul";

// Postgres stores neither U+0000 in text or jsonb nor unpaired UTF-16 surrogates: command
// output, model text and file names can hold both. They are escaped on their way in, to
// the visible U+2400 (␀) and U+FFFD, so any bytes in give clean text stored, and a page
// shows where they were. (Invalid UTF-8 is already U+FFFD once decoded.)

// biome-ignore lint/suspicious/noControlCharactersInRegex: the NUL character is what it replaces
const NUL = /\u0000/g;

/** Text Postgres can store, unchanged when it already could. */
export function storableText(text: string): string {
  const safe = hasNul(text) ? text.replace(NUL, "\u2400") : text;
  return safe.isWellFormed() ? safe : safe.toWellFormed();
}

/** The same for every string inside a JSON-like value (object keys included). */
export function storable<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map((item) => storable(item)) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableText(key), storable(item)])) as T;
  }
  return value;
}
