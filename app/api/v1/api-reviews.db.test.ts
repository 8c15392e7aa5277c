import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";
import type { ApiReviewDetails } from "@/lib/api/schemas/review";
import { ADVISORY_FIXTURE_DIR, baseFiles, findingFiles, plantedSecrets } from "@/testing/reviews/review-fixture";

// POST /api/v1/projects/{id}/reviews on the real pipeline (embedded engine, the
// review-pull-request function, a local project on a real repository): bad input is refused
// and changes nothing, a viewer may read but not ask, a review runs and its findings are read
// back through GET; a second request while one runs joins it.

vi.hoisted(() => vi.stubEnv("MERGELINE_ENCRYPTION_KEY", Buffer.alloc(32, 9).toString("base64")));

let harness: PipelineHarness;
let api: typeof import("@/testing/api/call-api");
const tokens: Record<"admin" | "viewer" | "stranger", string> = { admin: "", viewer: "", stranger: "" };
const secrets = plantedSecrets();
// What the routes answer: a review with its findings, a list, or an error.
type Answer = ApiReviewDetails & { error: { code: string }; items: { id: string }[] };

beforeAll(async () => {
  process.env.MERGELINE_ADVISORY_DB = ADVISORY_FIXTURE_DIR;
  harness = await startPipelineHarness({
    script: { name: "no review findings", review: [[{ object: { findings: [] } }]] },
  });
  api = await import("@/testing/api/call-api");
  const { createTeam } = await import("@/db/queries/teams");
  const { createApiKey } = await import("@/lib/api-keys");
  const team = await createTeam({ db: harness.db, name: "Reviews", slug: `reviews-${Date.now()}` });
  const other = await createTeam({ db: harness.db, name: "Others", slug: `others-${Date.now()}` });
  const key = async (teamId: string, scopes: ("admin" | "read")[]) =>
    (await createApiKey({ db: harness.db, teamId, name: "k", scopes, createdBy: null })).secret;
  tokens.admin = await key(team.id, ["admin"]);
  tokens.viewer = await key(team.id, ["read"]);
  tokens.stranger = await key(other.id, ["admin"]);
}, 90_000);
afterAll(() => harness?.close());

describe("POST /api/v1/projects/{id}/reviews", () => {
  it("reviews an open pull request on request and refuses what it cannot review", async () => {
    const { runGit } = await import("@/lib/workspaces/run-git");
    const { commitOnCheckout, makeRepository } = await import("@/testing/local-project");
    const { getGitProvider } = await import("@/lib/git-provider");
    const { reviews, runs } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const db = harness.db;
    const call = (method: "GET" | "POST", route: string, token: string, body?: unknown) =>
      api.callJson<Answer>(method, route, { token, body, ip: "192.0.2.45" });

    const repository = await makeRepository(harness.dir, baseFiles());
    const pinned = await call("POST", "/projects", tokens.admin, { provider: "local", repository });
    expect(pinned.status).toBe(201);
    const projectId = pinned.json.id as string;
    await runGit(repository, ["checkout", "--quiet", "-b", "feature"]);
    await commitOnCheckout(repository, findingFiles(secrets), "Integrations");
    await runGit(repository, ["checkout", "--quiet", "main"]);
    const { getProjectById } = await import("@/db/queries/projects");
    const project = (await getProjectById({ db, id: projectId }))!;
    const [run] = await db
      .insert(runs)
      .values({ projectId, source: "api", goal: "integrations", baseBranch: "main", budget: project.settings.budget })
      .returning();
    const pr = await getGitProvider(project, { db }).openPullRequest({
      project,
      runId: run!.id,
      branch: "feature",
      baseBranch: "main",
      title: "Integrations",
      body: "",
    });

    const count = async () => (await db.select().from(reviews).where(eq(reviews.projectId, projectId))).length;
    for (const body of [{}, { pullRequest: "one" }, { pullRequest: 0 }, { pullRequest: 1, extra: true }]) {
      const refused = await call("POST", `/projects/${projectId}/reviews`, tokens.admin, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.json.error.code).toMatch(/^bad_request:/);
    }
    expect(
      (await call("POST", `/projects/${projectId}/reviews`, tokens.admin, { pullRequest: 999 })).json,
    ).toMatchObject({
      error: { code: "not_found:pull_request" },
    });
    expect(
      (await call("POST", `/projects/${projectId}/reviews`, tokens.viewer, { pullRequest: pr.number })).status,
    ).toBe(403);
    expect(
      (await call("POST", `/projects/${projectId}/reviews`, tokens.stranger, { pullRequest: pr.number })).status,
    ).toBe(404);
    expect(await count()).toBe(0);

    const asked = await call("POST", `/projects/${projectId}/reviews`, tokens.admin, { pullRequest: pr.number });
    expect(asked.status).toBe(202);
    expect(asked.json).toMatchObject({ pullRequest: pr.number, trigger: "request", status: "running", runId: null });
    const again = await call("POST", `/projects/${projectId}/reviews`, tokens.admin, { pullRequest: pr.number });
    expect(again.json.id).toBe(asked.json.id);

    let review = {} as Answer;
    await expect
      .poll(
        async () => {
          review = (await call("GET", `/projects/${projectId}/reviews/${asked.json.id}`, tokens.viewer)).json;
          return review.status;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe("completed");
    expect(review.blockers.join()).toContain("secret");
    expect(review.advisories).toMatchObject({ checked: true });
    expect(review.aiReview).toMatchObject({ status: "done" });
    const kinds = (review.findings as { kind: string }[]).map((finding) => finding.kind);
    expect(kinds.filter((kind) => kind === "secret")).toHaveLength(4);
    expect(kinds).toEqual(expect.arrayContaining(["vulnerability", "complexity"]));
    expect(JSON.stringify(review)).not.toContain(secrets.github);
    await expect
      .poll(
        async () =>
          (review = (await call("GET", `/projects/${projectId}/reviews/${asked.json.id}`, tokens.viewer))
            .json).findings.every((f: { posted: boolean }) => f.posted),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);

    const listed = await call("GET", `/projects/${projectId}/reviews?pullRequest=${pr.number}`, tokens.viewer);
    expect(listed.json.items.map((item: { id: string }) => item.id)).toEqual([asked.json.id]);
    expect((await call("GET", `/projects/${projectId}/reviews`, tokens.stranger)).status).toBe(404);
  }, 120_000);
});
