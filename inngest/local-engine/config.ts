import path from "node:path";
import { z } from "zod";
import type { EngineAuth } from "./engine-keys";

// The engine is its own process (like the realtime sidecar), so it reads its few settings
// itself, validated the same way as lib/platform/env.ts.
const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const schema = z.object({
  // 0 picks a free port: for tests that start the engine as a child process.
  INNGEST_PORT: z.coerce.number().int().min(0).max(65535).default(8288),
  // Loopback by default; 0.0.0.0 when the engine has a container of its own (deployments).
  INNGEST_HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  MERGELINE_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// or postgresql:// URL" }).optional(),
  // Comma-separated SDK endpoints the engine syncs itself; default: the app on PORT.
  INNGEST_APP_URLS: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // The first retry's delay; each later one doubles (with jitter), up to 10 minutes.
  INNGEST_RETRY_BASE_MS: z.coerce.number().int().min(1).max(600_000).default(5_000),
  // As Inngest: events are accepted only with the event key, calls to the app are signed
  // with the signing key, and the sync and the REST API need it as the bearer token.
  INNGEST_EVENT_KEY: z.string().min(16, "expected at least 16 characters").optional(),
  // Inngest's format: an optional signkey-<env>- prefix, then hex (the SDK hashes it as hex).
  INNGEST_SIGNING_KEY: z
    .string()
    .regex(/^(signkey-\w+-)?([0-9a-f]{2}){16,}$/i, "expected signkey-<env>-<hex>, at least 32 hex digits")
    .optional(),
  // Set by a person for an open engine, as Inngest's dev server is (no keys needed).
  INNGEST_DEV: z.string().optional(),
  // An app that does not answer holds its runs this long before calls count as failed attempts.
  MERGELINE_APP_UNREACHABLE_MINUTES: z.coerce
    .number()
    .min(0)
    .max(7 * 24 * 60)
    .default(30),
});

export type EngineConfig = {
  port: number;
  host: string;
  /** `${MERGELINE_DATA_DIR}/inngest`, absolute: the PGlite store when DATABASE_URL is unset. */
  dataDir: string;
  databaseUrl: string | undefined;
  appUrls: string[];
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  retryBaseMs: number;
  /** The event and signing keys; null when INNGEST_DEV asks for an open engine. */
  auth: EngineAuth | null;
  appUnreachableMs: number;
};

function parseAppUrls(raw: string | undefined, appPort: number): string[] {
  if (!raw) return [`http://127.0.0.1:${appPort}/api/inngest`];
  return raw
    .split(",")
    .map((url) => url.trim())
    .filter(Boolean);
}

const isDev = (value: string | undefined) => value !== undefined && !["0", "false"].includes(value.toLowerCase());

export function readEngineConfig(source: Record<string, string | undefined>): EngineConfig {
  const cleaned = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, emptyAsUndefined(source[key])]));
  const result = schema.safeParse(cleaned);
  const issues = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  let appUrls: string[] = [];
  if (result.success) {
    appUrls = parseAppUrls(result.data.INNGEST_APP_URLS, result.data.PORT);
    for (const url of appUrls) {
      if (!z.url({ protocol: /^https?$/ }).safeParse(url).success)
        issues.push(`INNGEST_APP_URLS: "${url}" is not an http(s) URL`);
    }
    const { INNGEST_EVENT_KEY: eventKey, INNGEST_SIGNING_KEY: signingKey } = result.data;
    if (!isDev(result.data.INNGEST_DEV) && (!eventKey || !signingKey))
      issues.push(
        "INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY: both required (npm start generates them); INNGEST_DEV=1 runs an open engine instead",
      );
  }
  if (!result.success || issues.length > 0) {
    throw new Error(`Invalid Inngest engine configuration:\n${issues.map((line) => `  - ${line}`).join("\n")}`);
  }
  const data = result.data;
  return {
    port: data.INNGEST_PORT,
    host: data.INNGEST_HOST,
    dataDir: path.resolve(data.MERGELINE_DATA_DIR, "inngest"),
    databaseUrl: data.DATABASE_URL,
    appUrls,
    logLevel: data.LOG_LEVEL,
    retryBaseMs: data.INNGEST_RETRY_BASE_MS,
    // Keys given are enforced even with INNGEST_DEV: it only makes them optional.
    auth:
      data.INNGEST_EVENT_KEY && data.INNGEST_SIGNING_KEY
        ? { eventKey: data.INNGEST_EVENT_KEY, signingKey: data.INNGEST_SIGNING_KEY }
        : null,
    appUnreachableMs: Math.round(data.MERGELINE_APP_UNREACHABLE_MINUTES * 60_000),
  };
}
