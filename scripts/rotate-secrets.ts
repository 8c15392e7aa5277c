import fs from "node:fs";
import path from "node:path";
import nextEnv from "@next/env";
import { EnvError, parseEnv } from "@/lib/platform/env-schema";
import { ensureLocalSecrets } from "./local-secrets";

// `npm run secrets:rotate`: re-encrypts every project secret (and notification destination
// credential) under MERGELINE_ENCRYPTION_KEY,
// reading old values with MERGELINE_ENCRYPTION_KEY_PREVIOUS. Steps: lib/secrets/README.md.
// Prints counts to stdout; exits 1 when a project could not be rotated.

const root = path.resolve(import.meta.dirname, "..");

function fail(message: string): never {
  process.stderr.write(`secrets:rotate: ${message}\n`);
  process.exit(1);
}

// The same configuration `npm start` would see: the environment, then .env files.
nextEnv.loadEnvConfig(root, false, { info: () => {}, error: (...args) => process.stderr.write(`${args.join(" ")}\n`) });
let config: ReturnType<typeof parseEnv>;
try {
  config = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  throw error;
}
// With no key in the environment, `npm start` uses the one it generated into the data dir.
if (!config.MERGELINE_ENCRYPTION_KEY) {
  if (!fs.existsSync(path.join(config.dataDir, "secrets.json")))
    fail("MERGELINE_ENCRYPTION_KEY is not set and the data dir has no generated key");
  process.env.MERGELINE_ENCRYPTION_KEY = ensureLocalSecrets(config.dataDir, process.env).MERGELINE_ENCRYPTION_KEY;
}

// Imported only now: lib/platform/env reads process.env once, when first loaded.
const { openDatabase } = await import("@/db/client");
const { embeddedDatabaseDir } = await import("@/db");
const { loadEncryptionKeyring } = await import("@/lib/secrets/encryption-keyring");
const { rotateProjectSecrets } = await import("@/lib/secrets/rotate-project-secrets");
const { rotateDestinationSecrets } = await import("@/lib/notifications/rotate-destination-secrets");

let keyring: ReturnType<typeof loadEncryptionKeyring>;
try {
  keyring = loadEncryptionKeyring();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
let handle: ReturnType<typeof openDatabase>;
try {
  handle = config.DATABASE_URL
    ? openDatabase({ url: config.DATABASE_URL, max: 2 })
    : openDatabase({ dataDir: embeddedDatabaseDir(config.dataDir) });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

try {
  process.stdout.write(`current key: ${keyring.current.id}\nprevious key: ${keyring.previous?.id ?? "not set"}\n`);
  const report = await rotateProjectSecrets({ db: handle.db, keyring });
  process.stdout.write(
    `projects with secrets: ${report.projects}\n` +
      `re-encrypted: ${report.reencrypted}\n` +
      `already under the current key: ${report.alreadyCurrent}\n` +
      `projects failed: ${report.failed.length}\n`,
  );
  for (const failure of report.failed)
    process.stdout.write(`  ${failure.projectId} (${failure.secrets} secrets): ${failure.error}\n`);
  // Webhook signing secrets and Slack URLs of notification destinations, under the same key.
  const destinations = await rotateDestinationSecrets({ db: handle.db, keyring });
  process.stdout.write(
    `notification destinations re-encrypted: ${destinations.reencrypted}\n` +
      `notification destinations failed: ${destinations.failed.length}\n`,
  );
  for (const failure of destinations.failed) process.stdout.write(`  ${failure.destinationId}: ${failure.error}\n`);
  const failed = report.failed.length + destinations.failed.length;
  if (failed === 0 && keyring.previous) {
    process.stdout.write("Every secret is under the current key: MERGELINE_ENCRYPTION_KEY_PREVIOUS can be removed.\n");
  }
  process.exitCode = failed === 0 ? 0 : 1;
} catch (error) {
  process.stderr.write(`secrets:rotate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
