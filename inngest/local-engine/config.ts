import path from "node:path";
import { z } from "zod";

// The engine is its own process (like the realtime sidecar), so it reads its few settings
// itself, validated the same way as lib/platform/env.ts.
const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const schema = z.object({
  // 0 picks a free port: for tests that start the engine as a child process.
  INNGEST_PORT: z.coerce.number().int().min(0).max(65535).default(8288),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  MERGELINE_DATA_DIR: z.string().min(1).default(".data"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// or postgresql:// URL" }).optional(),
  // Comma-separated SDK endpoints the engine syncs itself; default: the app on PORT.
  INNGEST_APP_URLS: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // The first retry's delay; each later one doubles (with jitter), up to 10 minutes.
  INNGEST_RETRY_BASE_MS: z.coerce.number().int().min(1).max(600_000).default(5_000),
});

export type EngineConfig = {
  port: number;
  /** `${MERGELINE_DATA_DIR}/inngest`, absolute: the PGlite store when DATABASE_URL is unset. */
  dataDir: string;
  databaseUrl: string | undefined;
  appUrls: string[];
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  retryBaseMs: number;
};

function parseAppUrls(raw: string | undefined, appPort: number): string[] {
  if (!raw) return [`http://127.0.0.1:${appPort}/api/inngest`];
  return raw
    .split(",")
    .map((url) => url.trim())
    .filter(Boolean);
}

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
  }
  if (!result.success || issues.length > 0) {
    throw new Error(`Invalid Inngest engine configuration:\n${issues.map((line) => `  - ${line}`).join("\n")}`);
  }
  const data = result.data;
  return {
    port: data.INNGEST_PORT,
    dataDir: path.resolve(data.MERGELINE_DATA_DIR, "inngest"),
    databaseUrl: data.DATABASE_URL,
    appUrls,
    logLevel: data.LOG_LEVEL,
    retryBaseMs: data.INNGEST_RETRY_BASE_MS,
  };
}
