import type { Env } from "@/lib/platform/env-schema";

/** Where a person reaches the app: MERGELINE_PUBLIC_URL, else the address it listens on. */
export function appBaseUrl(config: Pick<Env, "MERGELINE_PUBLIC_URL" | "HOST" | "PORT">): string {
  if (config.MERGELINE_PUBLIC_URL) return config.MERGELINE_PUBLIC_URL.replace(/\/+$/, "");
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}`;
}
