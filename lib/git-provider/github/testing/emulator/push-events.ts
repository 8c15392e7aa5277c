import type { EmulatorContext } from "./context";
import { serializePull } from "./serialize-pull";
import type { Account, Repo } from "./state";

/** After a push: pull_request.synchronize for every open PR whose head branch moved. */
export async function pushEvents(ctx: EmulatorContext, repo: Repo, moved: { ref: string; before: string | null; after: string | null }[], pusher: Account): Promise<void> {
  for (const change of moved) {
    if (!change.after || !change.before) continue;
    const branch = change.ref.replace(/^refs\/heads\//, "");
    for (const issue of repo.issues.values()) {
      if (!issue.pull || issue.state !== "open" || issue.pull.head !== branch) continue;
      issue.updatedAt = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
      ctx.emit("pull_request", "synchronize", repo, pusher, { number: issue.number, before: change.before, after: change.after, pull_request: await serializePull(ctx, repo, issue) });
    }
  }
}
