import { z } from "zod";

// The sidecar is its own process and shares only contract.ts with the app, so it reads
// its few settings itself, validated the same way as lib/env.ts.
const schema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  REALTIME_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  REALTIME_SECRET: z.string().min(32, "expected at least 32 characters"),
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
