import path from "node:path";
import nextEnv from "@next/env";
import { EnvError, parseEnv } from "@/lib/platform/env-schema";

// `npm run auth:sign-in-link -- [email]`: prints a new one-time sign-in link for an existing
// user (by default MERGELINE_ADMIN_EMAIL, else admin@mergeline.local): the way back in when
// the first start's link was lost or has expired. With the embedded database, stop
// Mergeline first: one process owns it at a time.

const root = path.resolve(import.meta.dirname, "..");

function fail(message: string): never {
  process.stderr.write(`auth:sign-in-link: ${message}\n`);
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

// Imported only now: lib/platform/env reads process.env once, when first loaded.
const { openDatabase } = await import("@/db/client");
const { embeddedDatabaseDir } = await import("@/db");
const { getUserByEmail } = await import("@/db/queries/users");
const { DEFAULT_ADMIN_EMAIL } = await import("@/lib/teams/ensure-first-admin");
const { createOneTimeLogin } = await import("@/lib/auth/one-time-login");
const { appBaseUrl } = await import("./announce-first-admin");

const email = process.argv[2] ?? config.MERGELINE_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL;
let handle: ReturnType<typeof openDatabase>;
try {
  handle = config.DATABASE_URL
    ? openDatabase({ url: config.DATABASE_URL, max: 2 })
    : openDatabase({ dataDir: embeddedDatabaseDir(config.dataDir) });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

try {
  const user = await getUserByEmail({ db: handle.db, email });
  if (!user) {
    process.stderr.write(`auth:sign-in-link: no user has the email ${email}\n`);
    process.exitCode = 1;
  } else {
    const { token, expiresAt } = await createOneTimeLogin({ db: handle.db, userId: user.id });
    const link = `${appBaseUrl(config)}/signin/one-time?${new URLSearchParams({ token })}`;
    process.stdout.write(
      `Sign in as ${user.email} with this one-time link (works once, until ${expiresAt.toISOString()}):\n\n  ${link}\n\n`,
    );
  }
} catch (error) {
  process.stderr.write(`auth:sign-in-link: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
