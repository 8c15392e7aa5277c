import type { EmulatorContext } from "./context";
import { serializeInstallation } from "./serialize-basics";
import type { Account, Installation, Repo } from "./state";
import { nodeId } from "./urls";

function shortRepo(repo: Repo): Record<string, unknown> {
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
  };
}

/** installation.created / deleted / suspend / unsuspend, sent by the account that did it. */
export function emitInstallation(
  ctx: EmulatorContext,
  installation: Installation,
  action: "created" | "deleted" | "suspend" | "unsuspend",
  sender: Account,
): void {
  const repositories = ctx.state.installationRepos(installation).map(shortRepo);
  ctx.emit("installation", action, null, sender, {
    installation: serializeInstallation(ctx.urls, installation, ctx.app),
    repositories,
    requester: null,
  });
}

/** installation_repositories.added / removed. */
export function emitInstallationRepositories(
  ctx: EmulatorContext,
  installation: Installation,
  added: Repo[],
  removed: Repo[],
  sender: Account,
): void {
  ctx.emit("installation_repositories", added.length ? "added" : "removed", null, sender, {
    installation: serializeInstallation(ctx.urls, installation, ctx.app),
    repository_selection: installation.repositories === "all" ? "all" : "selected",
    repositories_added: added.map(shortRepo),
    repositories_removed: removed.map(shortRepo),
    requester: null,
  });
}
