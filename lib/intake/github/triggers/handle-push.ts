import type { Database } from "@/db/client";
import { requestCodeIndexSync } from "@/lib/code-index/request-code-index-sync";
import { findEventProjects } from "./find-event-projects";
import { pushPayloadSchema } from "./payload-schemas";

export type PushOutcome = { status: "ignored"; reason: string } | { status: "requested"; projectIds: string[] };

/**
 * A push to a repository's default branch: the code index of every pinned project on that
 * repository and branch is synced to the new head (only the files the push changed).
 */
export async function handlePush({
  db,
  installationId,
  payload,
}: {
  db: Database;
  installationId: number | undefined;
  payload: unknown;
}): Promise<PushOutcome> {
  const push = pushPayloadSchema.safeParse(payload);
  if (!push.success) return { status: "ignored", reason: "not a push to the default branch" };
  const found = await findEventProjects({ db, installationId, fullName: push.data.repository.full_name });
  if (!found) return { status: "ignored", reason: "unknown installation" };
  // A project may follow another branch than the repository's default.
  const branch = push.data.ref.slice("refs/heads/".length);
  const projects = found.projects.filter((project) => project.defaultBranch === branch);
  for (const project of projects) await requestCodeIndexSync({ projectId: project.id, reason: "push" });
  return projects.length === 0
    ? { status: "ignored", reason: "no pinned project follows the branch" }
    : { status: "requested", projectIds: projects.map((project) => project.id) };
}
