import type { Handler } from "./context";
import type { GitHubEmulator } from "./git-hub-emulator";
import { checkRoutes } from "./check-routes";
import { compareRoute } from "./compare-route";
import { handleGraphql } from "./graphql-handler";
import { issueRoutes } from "./issue-routes";
import { runAutoMerges } from "./merge-pull";
import { pullRoutes } from "./pull-routes";
import { pushEvents } from "./push-events";
import { refRoutes } from "./ref-routes";
import { repoRoutes } from "./repo-routes";
import { reviewRoutes } from "./review-routes";

export const emulatorRoutes: Record<string, Handler> = {
  ...repoRoutes,
  ...issueRoutes,
  ...pullRoutes,
  ...compareRoute,
  ...checkRoutes,
  ...reviewRoutes,
  ...refRoutes,
};
export const graphqlHandler = handleGraphql;

/** Connects the server's hooks (pushes, check changes) to merges and webhooks. */
export function wireEmulator(emulator: GitHubEmulator): void {
  emulator.onPush = (repo, moved, pusher) => pushEvents(emulator, repo, moved, pusher);
  emulator.onChecksChanged = (repo, sha) => emulator.background(() => runAutoMerges(emulator, repo, sha));
}
