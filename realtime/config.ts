import { z } from "zod";

// The sidecar is its own process and shares only contract.ts with the app, so it reads
// its few settings itself, validated the same way as lib/platform/env.ts.
const schema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  REALTIME_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  REALTIME_SECRET: z.string().min(32, "expected at least 32 characters"),
  // With Postgres, sidecars share rooms through it (@socket.io/postgres-adapter), so
  // several can serve together and the app publishes through the database.
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// URL")
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type RealtimeConfig = z.infer<typeof schema>;

export function readRealtimeConfig(source: Record<string, string | undefined>): RealtimeConfig {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid realtime configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}
