import { env } from "@/lib/platform/env";
import { assertGitHubConfigured, createGitHubApp, type GitHubApp } from "./app";

let cached: { key: string; app: GitHubApp } | undefined;

/**
 * The process's GitHub App, from GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY,
 * GITHUB_WEBHOOK_SECRET, GITHUB_API_URL and GITHUB_WRITE_INTERVAL_MS. Throws `unavailable:github_app` when they are
 * missing. Built once (its token cache is shared by every caller).
 */
export function getGitHubApp(): GitHubApp {
  const config = {
    appId: env.GITHUB_APP_ID,
    // Env files often carry the PEM on one line with literal "\n".
    privateKey: env.GITHUB_APP_PRIVATE_KEY?.replace(/\\n/g, "\n"),
    webhookSecret: env.GITHUB_WEBHOOK_SECRET,
    apiUrl: env.GITHUB_API_URL,
    writeIntervalMs: env.GITHUB_WRITE_INTERVAL_MS,
  };
  assertGitHubConfigured(config);
  const key = `${config.appId}|${config.apiUrl}|${config.privateKey}|${config.writeIntervalMs}`;
  if (cached?.key !== key) cached = { key, app: createGitHubApp(config) };
  return cached.app;
}
