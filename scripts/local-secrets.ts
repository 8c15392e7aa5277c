import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const appSecrets = ["AUTH_SECRET", "REALTIME_SECRET", "MERGELINE_ENCRYPTION_KEY"] as const;
// The embedded Inngest engine's keys, in Inngest's formats: any string for the event key;
// signkey-<env>- then hex for the signing key (the SDK hashes the hex part).
const inngestKeys = ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"] as const;
type Name = (typeof appSecrets)[number] | (typeof inngestKeys)[number];
export type LocalSecrets = Record<Name, string>;

function generate(name: Name): string {
  if (name === "MERGELINE_ENCRYPTION_KEY") return randomBytes(32).toString("base64");
  if (name === "INNGEST_EVENT_KEY") return randomBytes(32).toString("hex");
  if (name === "INNGEST_SIGNING_KEY") return `signkey-local-${randomBytes(32).toString("hex")}`;
  return randomBytes(32).toString("base64url");
}

/**
 * Secrets for a machine with no configuration: generated once into the data dir (mode
 * 0600) and reused, so sessions and encrypted values survive restarts. A value set in
 * the environment always wins; production sets them there. With `embeddedEngine`, the
 * event and signing keys the embedded Inngest engine and the app authenticate with too.
 */
export function ensureLocalSecrets(
  dataDir: string,
  environment: Record<string, string | undefined>,
  { embeddedEngine = false }: { embeddedEngine?: boolean } = {},
): Partial<LocalSecrets> {
  const names: Name[] = [...appSecrets, ...(embeddedEngine ? inngestKeys : [])];
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
