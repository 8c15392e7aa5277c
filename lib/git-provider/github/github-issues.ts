import type { IssueRef, RepositoryPermission } from "@/lib/git-provider/types";
import { isStatus, toAppError } from "./github-api-error";
import type { GitHubContext } from "./github-context";

const labelColors: Record<string, string> = {
  "mergeline:planning": "c5def5",
  "mergeline:in-progress": "fbca04",
  "mergeline:ready-for-review": "0e8a16",
  "mergeline:merged": "6f42c1",
  "mergeline:failed": "d93f0b",
};

export async function getGitHubIssue(ctx: GitHubContext, number: number): Promise<IssueRef | null> {
  try {
    const { data } = await ctx.octokit.rest.issues.get({ ...ctx.repo, issue_number: number });
    return {
      number: data.number,
      title: data.title,
      body: data.body ?? "",
      url: data.html_url,
      state: data.state === "closed" ? "closed" : "open",
      author: data.user?.login ?? null,
      labels: data.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))).filter(Boolean),
    };
  } catch (error) {
    if (isStatus(error, 404, 410)) return null;
    throw toAppError(error, "issue");
  }
}

/** Creates the labels the repository lacks (an existing one answers 422 and is kept as it is). */
async function ensureLabels(ctx: GitHubContext, names: string[]): Promise<void> {
  for (const name of names) {
    try {
      await ctx.octokit.rest.issues.getLabel({ ...ctx.repo, name });
    } catch (error) {
      if (!isStatus(error, 404)) throw toAppError(error, "label");
      try {
        await ctx.octokit.rest.issues.createLabel({ ...ctx.repo, name, color: labelColors[name] ?? "ededed" });
      } catch (createError) {
        if (!isStatus(createError, 422)) throw toAppError(createError, "label");
      }
    }
  }
}

export async function setGitHubIssueLabels(
  ctx: GitHubContext,
  input: { number: number; add: string[]; remove: string[] },
): Promise<void> {
  const add = [...new Set(input.add.map((label) => label.trim()).filter(Boolean))];
  const remove = [
    ...new Set(input.remove.map((label) => label.trim()).filter((label) => label && !add.includes(label))),
  ];
  // Writes are spaced out by the throttling plugin (and count against secondary limits):
  // read the issue's labels first and write only what changes.
  let current: string[];
  try {
    const labels = await ctx.octokit.paginate(ctx.octokit.rest.issues.listLabelsOnIssue, {
      ...ctx.repo,
      issue_number: input.number,
      per_page: 100,
    });
    current = labels.map((label) => label.name);
  } catch (error) {
    throw toAppError(error, "issue");
  }
  const missing = add.filter((label) => !current.includes(label));
  if (missing.length > 0) {
    await ensureLabels(ctx, missing);
    try {
      await ctx.octokit.rest.issues.addLabels({ ...ctx.repo, issue_number: input.number, labels: missing });
    } catch (error) {
      throw toAppError(error, "issue");
    }
  }
  for (const name of remove.filter((label) => current.includes(label))) {
    try {
      await ctx.octokit.rest.issues.removeLabel({ ...ctx.repo, issue_number: input.number, name });
    } catch (error) {
      // Already removed by someone else: nothing to do.
      if (!isStatus(error, 404)) throw toAppError(error, "issue");
    }
  }
}

const permissions: RepositoryPermission[] = ["admin", "maintain", "write", "triage", "read", "none"];

/** role_name carries maintain and triage; the older `permission` field only admin, write, read. */
export async function getGitHubUserPermission(ctx: GitHubContext, login: string): Promise<RepositoryPermission> {
  try {
    const { data } = await ctx.octokit.rest.repos.getCollaboratorPermissionLevel({ ...ctx.repo, username: login });
    const role = (data as { role_name?: string }).role_name as RepositoryPermission | undefined;
    if (role && permissions.includes(role)) return role;
    return permissions.includes(data.permission as RepositoryPermission)
      ? (data.permission as RepositoryPermission)
      : "none";
  } catch (error) {
    // Not a collaborator (or no such user).
    if (isStatus(error, 404)) return "none";
    throw toAppError(error, "permission");
  }
}
