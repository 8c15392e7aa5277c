import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Project } from "@/db/schema";

// The code index's Inngest functions, each run through @inngest/test against a real database
// and real repositories: the sync's steps, the checks that request syncs, the push handler.

// Mirrors go to a data dir of the test's own (modules read it at import, hence the imports below).
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-ci-fn-"));

let handle: DatabaseHandle;
let m: {
  syncCodeIndexFunction: typeof import("./sync-code-index").syncCodeIndexFunction;
  checkCodeIndexRefs: typeof import("./check-code-index-refs").checkCodeIndexRefs;
  syncCodeIndexAfterMerge: typeof import("./sync-code-index-after-merge").syncCodeIndexAfterMerge;
  resyncCodeIndexes: typeof import("./resync-code-indexes").resyncCodeIndexes;
  getCodeIndex: typeof import("@/db/queries/code-index").getCodeIndex;
  commitOnCheckout: typeof import("@/testing/local-project").commitOnCheckout;
};
let project: Project;
let repo: string;

beforeAll(async () => {
  process.env.MERGELINE_DATA_DIR = dataDir;
  const { createTestDatabase } = await import("@/testing/database");
  const { setDatabaseHandle } = await import("@/db");
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  const local = await import("@/testing/local-project");
  const root = await local.makeTempDir("mergeline-ci-fn-repo-");
  repo = await local.makeRepository(root, {
    "src/a.ts": "export function alpha() {\n  return 1;\n}\n",
    "src/b.py": "def beta():\n    return 2\n",
  });
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  const team = await createTeam({ db: handle.db, name: "Team", slug: `ci-${Date.now().toString(36)}` });
  project = await createProject({
    db: handle.db,
    values: { teamId: team.id, provider: "local", repository: repo, name: "repo", settings: defaultProjectSettings() },
  });
  m = {
    ...(await import("./sync-code-index")),
    ...(await import("./check-code-index-refs")),
    ...(await import("./sync-code-index-after-merge")),
    ...(await import("./resync-code-indexes")),
    ...(await import("@/db/queries/code-index")),
    ...local,
  };
});
afterAll(async () => {
  const { closeAnalyzePool } = await import("@/lib/code-index/analyze-pool");
  await closeAnalyzePool();
  await handle?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sync = (data: { projectId: string; ref?: string; full?: boolean; reason: string }) =>
  new InngestTestEngine({
    function: m.syncCodeIndexFunction,
    events: [{ name: "code-index/sync.requested", data }],
  }).execute();

describe("sync-code-index", () => {
  it("plans, indexes the files in steps, embeds when configured and finishes", async () => {
    const { result, error, ctx } = await sync({ projectId: project.id, reason: "test" });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({
      status: "planned",
      pending: 2,
      indexed: 2,
      embeddingModel: null,
      index: { fileCount: 2, symbolCount: 2 },
    });
    const steps = (ctx.step.run as unknown as { mock: { calls: [string][] } }).mock.calls.map(([id]) => id);
    expect(steps).toEqual(["plan-sync", "index-files-1", "embed-chunks-1", "finish-sync"]);
    expect(await m.getCodeIndex({ db: handle.db, projectId: project.id, ref: "main" })).toMatchObject({
      state: "ready",
      fileCount: 2,
      progressDone: 2,
      progressTotal: 2,
    });
  });

  it("after a commit, reads only what changed", async () => {
    await m.commitOnCheckout(
      repo,
      { "src/a.ts": "export function alpha() {\n  return 10;\n}\nexport const gamma = 3;\n" },
      "Edit a",
    );
    const { result } = await sync({ projectId: project.id, reason: "test" });
    expect(result).toMatchObject({ pending: 1, removed: 0, indexed: 1, index: { fileCount: 2, symbolCount: 3 } });
  });

  it("skips a project that is not pinned, and a branch the repository lacks marks nothing", async () => {
    const { result: missing } = await sync({ projectId: project.id, ref: "no-such-branch", reason: "test" });
    expect(missing).toEqual({ status: "missing-ref", indexId: null, ref: "no-such-branch" });
    const { updateProject } = await import("@/db/queries/projects");
    await updateProject({ db: handle.db, id: project.id, values: { pinned: false } });
    try {
      const { result } = await sync({ projectId: project.id, reason: "test" });
      expect(result).toEqual({ status: "skipped", reason: "The project is not pinned" });
    } finally {
      await updateProject({ db: handle.db, id: project.id, values: { pinned: true } });
    }
  });
});

describe("the functions that request syncs", () => {
  const mockedSend = [{ id: "request-syncs", handler: () => ({ ids: [] }) }];

  it("check-code-index-refs: a local default branch that moved is synced", async () => {
    expect(m.checkCodeIndexRefs.opts.triggers).toEqual([{ cron: "*/5 * * * *" }]);
    // (@inngest/test keeps a cron function's step results from one execution to the next: one execution here.)
    const { findStaleCodeIndexes } = await import("@/lib/code-index/find-stale-code-indexes");
    expect(await findStaleCodeIndexes({ db: handle.db })).toEqual([]);
    await m.commitOnCheckout(repo, { "README.md": "# moved\n" }, "Move main");
    const { result } = await new InngestTestEngine({ function: m.checkCodeIndexRefs, steps: mockedSend }).execute();
    expect(result).toEqual({ requested: 1 });
  });

  it("sync-code-index-after-merge: a merged run's project is synced", async () => {
    expect(m.syncCodeIndexAfterMerge.opts.triggers).toMatchObject([{ if: "event.data.to == 'merged'" }]);
    const { ctx } = await new InngestTestEngine({
      function: m.syncCodeIndexAfterMerge,
      events: [
        {
          name: "run/state.changed",
          data: { runId: crypto.randomUUID(), projectId: project.id, seq: 9, from: "merging", to: "merged" },
        },
      ],
      steps: [{ id: "request-sync", handler: () => ({ ids: [] }) }],
    }).execute();
    expect(ctx.step.sendEvent).toHaveBeenCalledWith(
      "request-sync",
      expect.objectContaining({ name: "code-index/sync.requested", data: { projectId: project.id, reason: "merge" } }),
    );
  });

  it("resync-code-indexes: cleans up, then syncs every pinned project", async () => {
    const { result } = await new InngestTestEngine({ function: m.resyncCodeIndexes, steps: mockedSend }).execute();
    expect(result).toMatchObject({ indexes: 0, requested: 1 });
  });
});

describe("github-push", () => {
  it("acts only on pushes to the default branch", async () => {
    const { pushPayloadSchema } = await import("@/lib/intake/github/triggers/payload-schemas");
    const repository = { id: 1, full_name: "octo/repo", default_branch: "main" };
    expect(pushPayloadSchema.safeParse({ ref: "refs/heads/main", after: "a".repeat(40), repository }).success).toBe(
      true,
    );
    for (const ref of ["refs/heads/feature", "refs/tags/v1"])
      expect(pushPayloadSchema.safeParse({ ref, after: "a".repeat(40), repository }).success).toBe(false);
    expect(
      pushPayloadSchema.safeParse({ ref: "refs/heads/main", after: "0".repeat(40), deleted: true, repository }).success,
    ).toBe(false);
    const { handlePush } = await import("@/lib/intake/github/triggers/handle-push");
    expect(
      await handlePush({
        db: handle.db,
        installationId: 987654,
        payload: { ref: "refs/heads/main", after: "a".repeat(40), repository },
      }),
    ).toEqual({ status: "ignored", reason: "unknown installation" });
  });
});
