import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { getLatestRunsByProjectIds, insertRun } from "@/db/queries/runs";
import { createTeam } from "@/db/queries/teams";
import { createTestDatabase } from "@/testing/database";
import { defaultProjectSettings } from "@/lib/projects/settings";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle?.close());

describe("getLatestRunsByProjectIds", () => {
  it("returns each project's newest run with its lastSeq, and nothing for a project without runs", async () => {
    const { db } = handle;
    const team = await createTeam({ db, name: "T", slug: "t-latest" });
    const project = (name: string) =>
      createProject({
        db,
        values: {
          teamId: team.id,
          provider: "local",
          repository: `/srv/${name}`,
          name,
          settings: defaultProjectSettings(),
        },
      });
    const [a, b, empty] = [await project("a"), await project("b"), await project("empty")];
    const run = (projectId: string, minutesAgo: number, lastSeq: number) =>
      insertRun({
        db,
        values: {
          projectId,
          source: "api",
          goal: `${minutesAgo}`,
          baseBranch: "main",
          budget: { maxAttempts: 1, maxDollars: 1, maxMinutes: 1 },
          createdAt: new Date(Date.now() - minutesAgo * 60_000),
          lastSeq,
        },
      });
    await run(a.id, 30, 1);
    const newestA = await run(a.id, 1, 7);
    await run(a.id, 10, 2);
    const newestB = await run(b.id, 5, 3);

    const latest = await getLatestRunsByProjectIds({ db, projectIds: [a.id, b.id, empty.id] });
    expect([...latest.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(latest.get(a.id)).toMatchObject({ id: newestA.id, projectId: a.id, goal: "1", lastSeq: 7, state: "queued" });
    expect(latest.get(a.id)!.createdAt).toBeInstanceOf(Date);
    expect(latest.get(b.id)).toMatchObject({ id: newestB.id, lastSeq: 3 });
    expect((await getLatestRunsByProjectIds({ db, projectIds: [] })).size).toBe(0);
  });
});
