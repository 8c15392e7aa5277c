import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "@/testing/database";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { createProject } from "./projects";
import {
  createOrGetOpenPullRequest,
  getPullRequestsByProjectId,
  markPullRequestClosed,
  markPullRequestMerged,
  recordPendingMerge,
} from "./pull-requests";
import { createTeam } from "./teams";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

async function newProjectId(): Promise<string> {
  const slug = `t-${crypto.randomUUID().slice(0, 8)}`;
  const team = await createTeam({ db: handle.db, name: slug, slug });
  const project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository: `/repos/${slug}`,
      name: slug,
      settings: defaultProjectSettings(),
    },
  });
  return project.id;
}

const values = (projectId: string, headBranch: string) => ({
  projectId,
  runId: null,
  headBranch,
  baseBranch: "main",
  title: headBranch,
  body: "",
  headSha: null,
});

describe("pull request queries", () => {
  it("allocates numbers per project without gaps or duplicates under concurrency", async () => {
    const [a, b] = [await newProjectId(), await newProjectId()];
    const opened = await Promise.all(
      [a, b].flatMap((projectId) =>
        Array.from({ length: 10 }, (_, i) =>
          createOrGetOpenPullRequest({ db: handle.db, values: values(projectId, `b${i}`) }),
        ),
      ),
    );
    for (const projectId of [a, b]) {
      const numbers = opened.filter((o) => o.pullRequest.projectId === projectId).map((o) => o.pullRequest.number);
      expect(numbers.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    }
    expect(
      (await getPullRequestsByProjectId({ db: handle.db, projectId: a, limit: 3 })).map((pr) => pr.number),
    ).toEqual([10, 9, 8]);
  });

  it("returns the open PR of a branch instead of opening a second one", async () => {
    const projectId = await newProjectId();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => createOrGetOpenPullRequest({ db: handle.db, values: values(projectId, "same") })),
    );
    expect(new Set(results.map((r) => r.pullRequest.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it("closes only open PRs and keeps a pending merge sha only while open", async () => {
    const projectId = await newProjectId();
    const { pullRequest } = await createOrGetOpenPullRequest({ db: handle.db, values: values(projectId, "m") });
    await recordPendingMerge({ db: handle.db, id: pullRequest.id, mergeCommitSha: "f".repeat(40) });
    const merged = await markPullRequestMerged({
      db: handle.db,
      id: pullRequest.id,
      mergeCommitSha: "e".repeat(40),
      headSha: "d".repeat(40),
    });
    expect(merged).toMatchObject({ state: "merged", mergeCommitSha: "e".repeat(40), headSha: "d".repeat(40) });
    await recordPendingMerge({ db: handle.db, id: pullRequest.id, mergeCommitSha: null });
    const afterClose = await markPullRequestClosed({ db: handle.db, id: pullRequest.id });
    expect(afterClose).toMatchObject({ state: "merged", mergeCommitSha: "e".repeat(40), closedAt: null });
  });
});
