import { request } from "node:http";
import path from "node:path";
import nextEnv from "@next/env";
import { EnvError, parseEnv } from "@/lib/platform/env-schema";
import { operatorSocketPath } from "./operator-socket-path";

// `npm run auth:sign-in-link -- [email]`: prints a new one-time sign-in link for an existing
// user (by default MERGELINE_ADMIN_EMAIL, else admin@mergeline.local): the way back in when
// the first start's link was lost, spent or has expired, and no password is set. While
// Mergeline runs it asks the running app, through the operator socket in the data dir, so
// the link carries the address the app really answers on; when it is stopped, it writes
// the link into the database itself.

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

const { DEFAULT_ADMIN_EMAIL } = await import("@/lib/teams/ensure-first-admin");
const email = process.argv[2] ?? config.MERGELINE_ADMIN_EMAIL ?? DEFAULT_ADMIN_EMAIL;

type Link = { email: string; url: string; expiresAt: string };

/** Asks the running app for the link; null when no app listens on the data dir's socket. */
function askRunningApp(socketPath: string): Promise<Link | null> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath, method: "POST", path: "/sign-in-links", headers: { "content-type": "application/json" } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => {
          try {
            const parsed = JSON.parse(body) as Link & { error?: { message: string } };
            if (res.statusCode === 201) resolve(parsed);
            else reject(new Error(parsed.error?.message ?? `the app answered ${res.statusCode}`));
          } catch {
            reject(new Error(`the app answered ${res.statusCode} with no JSON`));
          }
        });
      },
    );
    // No socket file, or one a stopped app left behind: nobody to ask.
    req.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "ENOENT" || error.code === "ECONNREFUSED" ? resolve(null) : reject(error),
    );
    req.end(JSON.stringify({ email }));
  });
}

/** Writes the link into the database directly: Mergeline is not running. */
async function writeLink(): Promise<Link> {
  // Imported only now: lib/platform/env reads process.env once, when first loaded.
  const { openDatabase } = await import("@/db/client");
  const { embeddedDatabaseDir } = await import("@/db");
  const { createSignInLink } = await import("@/lib/teams/create-sign-in-link");
  const { appBaseUrl } = await import("@/lib/platform/app-base-url");
  const handle = config.DATABASE_URL
    ? openDatabase({ url: config.DATABASE_URL, max: 2 })
    : openDatabase({ dataDir: embeddedDatabaseDir(config.dataDir) });
  try {
    const link = await createSignInLink({
      db: handle.db,
      email,
      baseUrl: appBaseUrl(config),
      actor: { kind: "system" },
      via: "npm run auth:sign-in-link",
    });
    return { ...link, expiresAt: link.expiresAt.toISOString() };
  } finally {
    await handle.close();
  }
}

try {
  const socket = operatorSocketPath(config.dataDir);
  const link = (socket && (await askRunningApp(socket))) || (await writeLink());
  process.stdout.write(
    `Sign in as ${link.email} with this one-time link (works once, until ${link.expiresAt}):\n\n  ${link.url}\n\n`,
  );
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
