import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const names = ["AUTH_SECRET", "REALTIME_SECRET", "MERGELINE_ENCRYPTION_KEY"] as const;
export type LocalSecrets = Record<(typeof names)[number], string>;

function generate(name: (typeof names)[number]): string {
  return name === "MERGELINE_ENCRYPTION_KEY"
    ? randomBytes(32).toString("base64")
    : randomBytes(32).toString("base64url");
}

/**
 * Secrets for a machine with no configuration: generated once into the data dir (mode
 * 0600) and reused, so sessions and encrypted values survive restarts. A value set in
 * the environment always wins; production sets all three there.
 */
export function ensureLocalSecrets(
  dataDir: string,
  environment: Record<string, string | undefined>,
): Partial<LocalSecrets> {
  const missing = names.filter((name) => !environment[name]);
  if (missing.length === 0) return {};
  const file = path.join(dataDir, "secrets.json");
  fs.mkdirSync(dataDir, { recursive: true });
  const stored: Partial<LocalSecrets> = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
  let changed = false;
  for (const name of missing) {
    if (!stored[name]) {
      stored[name] = generate(name);
      changed = true;
    }
  }
  if (changed) fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return Object.fromEntries(missing.map((name) => [name, stored[name]!]));
}
