import path from "node:path";
import { z } from "zod";

// The schema of every setting. lib/platform/env.ts applies it to process.env; the launcher applies
// it before anything else starts, so a wrong value stops start-up with a clear message.

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const optionalUrl = z.url({ protocol: /^https?$/ }).optional();
const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  MERGELINE_DATA_DIR: z.string().min(1).default(".data"),
  // Bound on the setup cache ($MERGELINE_DATA_DIR/setup-cache) in MiB; least recently
  // used entries are evicted past it. 0 turns the cache off.
  MERGELINE_SETUP_CACHE_MAX_MB: z.coerce.number().int().min(0).default(5120),
  // Disk bounds of the sweep (lib/workspaces/sweep-workspaces.ts, hourly and at start): a
  // mirror no workspace uses and nothing fetched into for this many days is deleted (the
  // next run clones it again); artifacts of runs that ended this many days ago are
  // deleted, 0 keeps them forever.
  MERGELINE_MIRROR_IDLE_DAYS: z.coerce.number().min(1).max(3650).default(30),
  MERGELINE_ARTIFACT_RETENTION_DAYS: z.coerce.number().min(0).max(36500).default(30),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: port(3000),
  REALTIME_PORT: port(3001),
  INNGEST_PORT: port(8288),
  MERGELINE_PUBLIC_URL: optionalUrl,
  REALTIME_PUBLIC_URL: optionalUrl,
  // Where the app reaches its realtime sidecar (health checks; publishing when there is no
  // Postgres to publish through): another container or service in a deployment.
  REALTIME_INTERNAL_URL: optionalUrl,
  // This instance's name among several sharing one Postgres (lib/instances/instance-id.ts);
  // default: host name and PORT.
  MERGELINE_INSTANCE_ID: z
    .string()
    .regex(/^[\w.:@-]{1,100}$/, "expected up to 100 letters, digits and . _ : @ -")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Where `npm start` writes its processes' logs (JSON lines): a file, by default
  // $MERGELINE_DATA_DIR/logs/mergeline.log, so the terminal shows the start-up and problems
  // only; "-" keeps them on stdout (containers, log shippers).
  MERGELINE_LOG_FILE: z.string().min(1).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "expected a postgres:// or postgresql:// URL" }).optional(),
  REALTIME_SECRET: z.string().min(32, "expected at least 32 characters").optional(),
  AUTH_SECRET: z.string().min(32, "expected at least 32 characters").optional(),
  // The key before a rotation: secrets still encrypted under it stay readable until
  // `npm run secrets:rotate` re-encrypts them under MERGELINE_ENCRYPTION_KEY.
  MERGELINE_ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "expected 32 bytes, base64-encoded (openssl rand -base64 32)")
    .optional(),
  MERGELINE_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "expected 32 bytes, base64-encoded (openssl rand -base64 32)")
    .optional(),
  INNGEST_DEV: z.string().optional(),
  // Set by the launcher for the processes it starts when it runs the embedded engine.
  MERGELINE_EMBEDDED_INNGEST: z.enum(["0", "1"]).default("0"),
  INNGEST_BASE_URL: optionalUrl,
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  // The origin Inngest calls the app at (the SDK's own setting), when it is not the one the
  // sync request came in on: several instances behind a load balancer sync its address.
  INNGEST_SERVE_ORIGIN: optionalUrl,
  // The address the embedded engine listens on (its own process reads it): 0.0.0.0 in a
  // container of its own. It takes events and calls only with the keys.
  INNGEST_HOST: z.string().min(1).default("127.0.0.1"),
  // How long the embedded engine holds the runs of an app that does not answer (a restart,
  // a crash) before its calls count as failed attempts again. Read by the engine itself
  // (inngest/local-engine/config.ts); validated here so `npm start` stops on a wrong value.
  MERGELINE_APP_UNREACHABLE_MINUTES: z.coerce
    .number()
    .min(0)
    .max(7 * 24 * 60)
    .default(30),
  GITHUB_APP_ID: z.string().regex(/^\d+$/, "expected the numeric App ID").optional(),
  GITHUB_APP_PRIVATE_KEY: z.string().optional(),
  GITHUB_WEBHOOK_SECRET: z.string().optional(),
  // "outbox": deliveries are journaled in the data dir, answered, and sent to Inngest behind
  // the answer in batches (needs a long-lived process). "direct": each is sent before it is
  // answered, with no journal (serverless hosts such as Vercel).
  MERGELINE_WEBHOOK_DELIVERY: z.enum(["outbox", "direct"]).default("outbox"),
  GITHUB_API_URL: z.url({ protocol: /^https?$/ }).default("https://api.github.com"),
  GITHUB_WRITE_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: optionalUrl,
  MERGELINE_MODEL: z
    .string()
    .regex(/^(scripted|(openai|openai-compatible):.+)$/, "expected provider:model, e.g. openai:gpt-5.1, or scripted")
    .default("scripted"),
  MERGELINE_SCRIPTED_MODEL: z.string().optional(),
  // CLI coding agents (lib/agents/backends): the keys and endpoints of the providers they
  // speak to when a project names no secret or URL of its own.
  ANTHROPIC_API_KEY: z.string().optional(),
  ANTHROPIC_BASE_URL: optionalUrl,
  GEMINI_API_KEY: z.string().optional(),
  GEMINI_BASE_URL: optionalUrl,
  // Where CLI agents are installed from the npm registry at their pinned versions;
  // default <data dir>/agent-tools.
  MERGELINE_AGENT_TOOLS_DIR: z.string().optional(),
  // Projects may list stdio MCP servers (commands CLI agents start in the sandbox).
  MERGELINE_ALLOW_STDIO_MCP: z.enum(["true", "false"]).default("false"),
  // Embeddings for the code index's hybrid search, through the OpenAI-compatible /embeddings
  // endpoint (OPENAI_API_KEY / OPENAI_BASE_URL); unset, search is lexical only.
  MERGELINE_EMBEDDING_MODEL: z
    .string()
    .regex(/^(openai|openai-compatible):.+$/, "expected provider:model, e.g. openai:text-embedding-3-small")
    .optional(),
  // Reviews (lib/reviews): a directory of advisories in OSV JSON format (one record per file,
  // in any sub-folders, e.g. osv.dev's ecosystem exports unpacked). None is shipped; unset,
  // reviews say that vulnerabilities were not checked.
  MERGELINE_ADVISORY_DB: z.string().min(1).optional(),
  MERGELINE_ADMIN_API_KEY: z.string().min(24, "expected at least 24 characters").optional(),
  // Sign-in: GitHub OAuth when both are set; local accounts (email and password) unless
  // turned off. The first admin's email and password may be given for automated setups;
  // otherwise a one-time sign-in link is printed at the first start.
  AUTH_GITHUB_ID: z.string().optional(),
  AUTH_GITHUB_SECRET: z.string().optional(),
  MERGELINE_LOCAL_ACCOUNTS: z.enum(["true", "false"]).default("true"),
  MERGELINE_ADMIN_EMAIL: z.email().optional(),
  MERGELINE_ADMIN_PASSWORD: z.string().min(12, "expected at least 12 characters").optional(),
  // Reverse proxies in front of the app that append to x-forwarded-for (0: none). The
  // client's address is that many entries before the last one.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Write requests allowed per API key and per IP address in each window.
  RATE_LIMIT_WRITE_MAX: z.coerce.number().int().min(1).default(100),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  // Previews and browser checks (lib/preview, lib/validation/browser-checks). Ports are allocated
  // from the range, checked free, and never shared by two live previews.
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  MERGELINE_PREVIEW_PORTS: z
    .string()
    .regex(/^\d{2,5}-\d{2,5}$/, "expected a port range, e.g. 4100-4299")
    .refine((range) => {
      const [low, high] = range.split("-").map(Number) as [number, number];
      return low >= 1024 && high <= 65535 && low <= high;
    }, "expected low-high with 1024 <= low <= high <= 65535")
    .default("4100-4299"),
  MERGELINE_PREVIEW_READY_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  MERGELINE_PREVIEW_MAX_RESTARTS: z.coerce.number().int().min(0).max(20).default(3),
  MERGELINE_PREVIEW_IDLE_MINUTES: z.coerce
    .number()
    .min(0.05)
    .max(7 * 24 * 60)
    .default(30),
  // Outgoing notifications (lib/notifications): the SMTP server of email destinations
  // (smtp://user:password@host:587, or smtps:// for TLS from the start) and their From
  // address; and whether webhook and Slack URLs may reach private, loopback or link-local
  // addresses (refused by default, when saved and again at each delivery).
  MERGELINE_SMTP_URL: z.url({ protocol: /^smtps?$/, error: "expected an smtp:// or smtps:// URL" }).optional(),
  MERGELINE_SMTP_FROM: z.string().min(3).max(320).default("Mergeline <mergeline@localhost>"),
  MERGELINE_ALLOW_PRIVATE_WEBHOOKS: z.enum(["true", "false"]).default("false"),
  // Studio sessions (lib/studio): dev-server restarts after a crash or hang before the
  // session fails, hours without a person's request before it is torn down, and live
  // sessions per server. The commit message pattern takes {description} and {timestamp}.
  MERGELINE_STUDIO_MAX_RESTARTS: z.coerce.number().int().min(0).max(20).default(3),
  MERGELINE_STUDIO_TIMEOUT_HOURS: z.coerce
    .number()
    .min(0.001)
    .max(30 * 24)
    .default(4),
  MERGELINE_STUDIO_MAX_SESSIONS: z.coerce.number().int().min(0).max(1000).default(10),
  MERGELINE_STUDIO_COMMIT_MESSAGE: z
    .string()
    .min(1)
    .max(500)
    .refine((pattern) => pattern.includes("{description}"), "expected a pattern with {description}")
    .default("AI: {description} - {timestamp}"),
  // Where previews and studio apps answer, by host name: <label>.<domain> (pr-12--demo-cart,
  // studio-<id>). Unset: preview.localhost:<PORT>, which browsers resolve to this machine.
  MERGELINE_PREVIEW_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, "expected a domain, optionally with :port (preview.example.com)")
    .optional(),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string };

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.keys(envSchema.shape).map((key) => [key, emptyAsUndefined(source[key])]));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const value = cleaned[name];
        const shown =
          typeof value === "string" && !/SECRET|KEY|PASSWORD|SMTP_URL/.test(name) ? ` (got "${value}")` : "";
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  return { ...result.data, dataDir: path.resolve(result.data.MERGELINE_DATA_DIR) };
}
