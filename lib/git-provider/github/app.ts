import { App } from "@octokit/app";
import { Octokit as OctokitCore } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck";
import { AppError } from "@/lib/platform/errors";
import { logger } from "@/lib/platform/logger";
import {
  createInstallationTokenCache,
  type InstallationToken,
  type InstallationTokenCache,
} from "./installation-token-cache";

// The Octokit every GitHub call goes through: REST methods, pagination, the throttling
// plugin (queues writes, honours x-ratelimit-* and secondary limits) and the retry plugin
// (5xx and network errors with backoff).
export const MergelineOctokit = OctokitCore.plugin(restEndpointMethods, paginateRest, throttling, retry);
export type MergelineOctokit = InstanceType<typeof MergelineOctokit>;

export type GitHubAppConfig = {
  appId: string;
  privateKey: string;
  webhookSecret?: string;
  /** REST root: https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  apiUrl: string;
  /** Times a request hit by a rate limit (primary or secondary) is retried before it fails. */
  maxRateLimitRetries?: number;
  /** Longest wait for a rate limit's reset, in seconds; a longer one fails the request at once. */
  maxRateLimitWaitSeconds?: number;
  /** Milliseconds per second of Retry-After and backoff (1000; tests shrink it). */
  retryAfterBaseMs?: number;
  /**
   * Least time between two content-creating requests of one installation (POST, PATCH,
   * PUT, DELETE): GitHub asks for at least a second against its secondary limits (1000).
   */
  writeIntervalMs?: number;
  refreshTokenBeforeMs?: number;
};

export type GitHubApp = {
  config: GitHubAppConfig;
  /** The App itself (JWT auth): installations, webhooks. */
  app: App;
  tokens: InstallationTokenCache;
  /** An Octokit authenticated as the installation, with a cached token. */
  installationOctokit(installationId: number): Promise<MergelineOctokit>;
  /** The installation's token, for git over HTTPS (never put it in a URL or on disk). */
  installationToken(installationId: number): Promise<InstallationToken>;
};

/** Builds the App and its clients from explicit settings (lib/git-provider/github/app-from-env.ts reads them from the env). */
export function createGitHubApp(config: GitHubAppConfig): GitHubApp {
  const baseUrl = config.apiUrl.replace(/\/+$/, "");
  const maxRetries = config.maxRateLimitRetries ?? 3;
  const maxWait = config.maxRateLimitWaitSeconds ?? 15 * 60;
  const retryAfterBaseValue = config.retryAfterBaseMs ?? 1000;
  const log = logger.child({ component: "github" });
  const onLimit =
    (kind: string) =>
    (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const retrying = retryCount < maxRetries && retryAfter <= maxWait;
      log.warn(
        { kind, method: options.method, url: options.url, retryAfter, retryCount, retrying },
        "GitHub rate limit hit",
      );
      return retrying;
    };
  const throttle = {
    onRateLimit: onLimit("primary"),
    onSecondaryRateLimit: onLimit("secondary"),
    retryAfterBaseValue,
    // A secondary limit without Retry-After: GitHub asks for at least a minute.
    fallbackSecondaryRateRetryAfter: 60,
    // One queue per installation (the client's throttle id), as the plugin's own does.
    write: new Bottleneck.Group({
      id: "mergeline-github-write",
      maxConcurrent: 1,
      minTime: config.writeIntervalMs ?? 1000,
      timeout: 2 * 60 * 1000,
    }),
  };
  const Octokit = MergelineOctokit.defaults({
    baseUrl,
    userAgent: "mergeline",
    throttle,
    retry: { retries: 3, retryAfterBaseValue },
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => log.warn(message),
      error: (message: string) => log.error(message),
    },
  });
  const app = new App({
    appId: config.appId,
    privateKey: config.privateKey,
    webhooks: { secret: config.webhookSecret ?? "unused" },
    Octokit,
  });

  const tokens = createInstallationTokenCache({
    refreshBeforeMs: config.refreshTokenBeforeMs,
    async mint(installationId) {
      const { data } = await app.octokit.request("POST /app/installations/{installation_id}/access_tokens", {
        installation_id: installationId,
      });
      log.debug({ installationId, expiresAt: data.expires_at }, "installation token minted");
      return { token: data.token, expiresAt: new Date(data.expires_at) };
    },
  });
  // One client per token: a new token (after expiry) gets a new client.
  const clients = new Map<number, { token: string; octokit: MergelineOctokit }>();

  return {
    config,
    app: app as unknown as App,
    tokens,
    installationToken: (installationId) => tokens.get(installationId),
    async installationOctokit(installationId) {
      const { token } = await tokens.get(installationId);
      const cached = clients.get(installationId);
      if (cached?.token === token) return cached.octokit;
      const octokit = new Octokit({
        auth: token,
        throttle: { ...throttle, id: `installation-${installationId}` },
      }) as MergelineOctokit;
      clients.set(installationId, { token, octokit });
      return octokit;
    },
  };
}

export function assertGitHubConfigured(config: Partial<GitHubAppConfig>): asserts config is GitHubAppConfig {
  if (!config.appId || !config.privateKey || !config.apiUrl) {
    throw new AppError(
      "unavailable:github_app",
      "The GitHub App is not configured: set GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_WEBHOOK_SECRET (see .env.example)",
    );
  }
}
