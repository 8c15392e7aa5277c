export const REDACTED = "[redacted]";

const MAX_DEPTH = 8;
const MAX_STRING = 4096;

// Compact words that mean "this holds a credential" wherever they appear in a key name.
const SENSITIVE_FRAGMENTS = [
  "secret",
  "token",
  "password",
  "passwd",
  "passphrase",
  "apikey",
  "authorization",
  "cookie",
  "credential",
  "privatekey",
];
const SENSITIVE_WORDS = new Set(["key", "keys", "pwd"]);
// "secretName", "keyId", "tokenCount", "passwordChangedAt" describe a credential without holding it.
const DESCRIPTIVE_LAST_WORDS = new Set(["id", "ids", "name", "names", "prefix", "count", "at", "type", "kind"]);

// Credentials recognisable by their shape, redacted even when the caller forgot to list them.
const SECRET_SHAPES: RegExp[] = [
  /\bml_[0-9A-Za-z]{8}_[0-9A-Za-z]{32,}/g,
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g,
  /\bsk-[A-Za-z0-9_-]{20,}/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
];

function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** Whether a field of this name may hold a secret value (secret, token, password, key...). */
export function isSensitiveKey(key: string): boolean {
  const parts = words(key);
  if (parts.length > 1 && DESCRIPTIVE_LAST_WORDS.has(parts.at(-1)!)) return false;
  const compact = parts.join("");
  return (
    parts.some((word) => SENSITIVE_WORDS.has(word)) ||
    SENSITIVE_FRAGMENTS.some((fragment) => compact.includes(fragment))
  );
}

function redactString(value: string, redact: readonly string[]): string {
  let out = value;
  for (const secret of redact) out = out.split(secret).join(REDACTED);
  for (const shape of SECRET_SHAPES) out = out.replace(shape, REDACTED);
  return out.length > MAX_STRING ? `${out.slice(0, MAX_STRING)}…[truncated]` : out;
}

/**
 * A JSON-safe copy of `data` fit for the audit log: values under credential-like keys, the
 * given `redact` values (wherever they appear inside strings) and credential-shaped strings
 * are replaced by "[redacted]". Audit rows are kept for years and shown to every team admin.
 */
export function redactAuditData(
  data: Record<string, unknown>,
  redact: readonly string[] = [],
): Record<string, unknown> {
  // Longest first, so a secret that contains another is replaced whole.
  const values = [...new Set(redact.filter((value) => value.length > 0))].sort((a, b) => b.length - a.length);
  const seen = new WeakSet<object>();

  const visit = (value: unknown, depth: number): unknown => {
    if (value === null || typeof value === "boolean") return value;
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    if (typeof value === "string") return redactString(value, values);
    if (typeof value === "bigint") return value.toString();
    if (typeof value !== "object") return undefined; // functions, symbols, undefined: not JSON
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (value instanceof Error) return { name: value.name, message: redactString(value.message, values) };
    if (depth >= MAX_DEPTH) return "[truncated]";
    if (seen.has(value)) return "[circular]";
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => visit(item, depth + 1) ?? null);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (isSensitiveKey(key)) {
        if (item !== undefined) out[key] = item === null ? null : REDACTED;
        continue;
      }
      const cleaned = visit(item, depth + 1);
      if (cleaned !== undefined) out[key] = cleaned;
    }
    seen.delete(value);
    return out;
  };
  return visit(data, 0) as Record<string, unknown>;
}
