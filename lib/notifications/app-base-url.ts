import { env } from "@/lib/platform/env";

/**
 * Where links in notifications point: MERGELINE_PUBLIC_URL, else the address the app
 * listens on (a notification has no request whose Host it could use).
 */
export function appBaseUrl(): string {
  if (env.MERGELINE_PUBLIC_URL) return env.MERGELINE_PUBLIC_URL.replace(/\/+$/, "");
  const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "127.0.0.1" : env.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT}`;
}
