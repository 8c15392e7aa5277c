import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Project, StudioSession } from "@/db/schema";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";

// A studio session through its durable functions on the embedded engine: started by its
// event, an instruction carried out by the (scripted) agent as one commit, a person's
// write, a rollback, the app's processes lost as in a Mergeline restart and brought back,
// then finalize: a PR with every commit and a run that starts at validation and merges by
// the project's policy.

const title = "<h1>Your studio cart</h1>";
const script = {
  name: "studio: retitle the cart page",
  code: [
    [
      {
        toolCalls: [
          { toolName: "edit_file", input: { path: "server.js", oldText: "<h1>Your cart</h1>", newText: title } },
        ],
      },
      { text: "Retitled the cart page." },
    ],
  ],
};

let harness: PipelineHarness;
let project: Project;
let session: StudioSession;
beforeAll(async () => {
  harness = await startPipelineHarness({ script });
  project = await harness.createProject({ devCommand: "node server.js", autoMerge: "auto-when-green" });
}, 120_000);
afterAll(async () => {
  const { studioRegistry } = await import("@/lib/studio/studio-registry");
  await Promise.all(studioRegistry.all().map((live) => live.stop("test over")));
  await harness?.close();
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const appPage = async (port: number) => (await fetch(`http://127.0.0.1:${port}/`)).text();

describe("a studio session through its Inngest functions", () => {
  it("starts, takes an instruction as one commit, a write and a rollback", async () => {
    const { createStudioSession } = await import("@/lib/studio/create-studio-session");
    const { getStudioSession, getStudioCommits } = await import("@/db/queries/studio");
    const { sendStudioMessage } = await import("@/lib/studio/send-studio-message");
    const { executeStudioCommand } = await import("@/lib/studio/execute-studio-command");
    const { rollbackStudioSession } = await import("@/lib/studio/rollback-studio-session");
    session = await createStudioSession({ db: harness.db, project });
    const running = await waitFor(async () => {
      const row = await getStudioSession({ db: harness.db, id: session.id });
      return row?.status === "running" ? row : undefined;
    });
    expect(await appPage(running.port!)).toContain("<h1>Your cart</h1>");

    await sendStudioMessage({ db: harness.db, sessionId: session.id, text: "Call the page 'Your studio cart'" });
    const edited = await waitFor(async () => {
      const commits = await getStudioCommits({ db: harness.db, sessionId: session.id });
      return commits.some((commit) => commit.kind === "edit") ? commits : undefined;
    });
    expect(edited.at(-1)).toMatchObject({ kind: "edit", files: ["server.js"] });
    expect(edited.at(-1)!.message).toMatch(/^AI: Call the page 'Your studio cart' - /);

    const written = await executeStudioCommand({
      db: harness.db,
      sessionId: session.id,
      input: { command: "write_file", filePath: "NOTES.md", content: "studio notes\n", description: "Add notes" },
    });
    const rolled = await rollbackStudioSession({
      db: harness.db,
      sessionId: session.id,
      commitHash: edited.at(-1)!.sha,
    });
    expect(rolled.currentHash).not.toBe(written.commitHash);
    const history = await getStudioCommits({ db: harness.db, sessionId: session.id });
    expect(history.map((commit) => commit.kind)).toEqual(["start", "edit", "write", "rollback"]);
  }, 240_000);

  it("comes back after the app lost its processes (a Mergeline restart), branch intact", async () => {
    const { studioRegistry } = await import("@/lib/studio/studio-registry");
    const { getStudioSession } = await import("@/db/queries/studio");
    const { inngest } = await import("@/lib/inngest/client");
    const { studioResumeRequested } = await import("@/lib/inngest/events");
    const before = (await getStudioSession({ db: harness.db, id: session.id }))!;
    // What a restart leaves: the row says running, nothing of this process runs it.
    await studioRegistry.get(session.id)!.stop("simulated restart");
    await inngest.send(studioResumeRequested.create({ reason: "test restart" }));
    await waitFor(async () => (studioRegistry.get(session.id)?.running() ? true : undefined));
    const after = (await getStudioSession({ db: harness.db, id: session.id }))!;
    expect(after.status).toBe("running");
    expect(after.headSha).toBe(before.headSha);
    expect(await appPage(after.port!)).toContain(title);
  }, 240_000);

  it("finalizes into a PR with every commit, validated and merged by policy, leaving no process", async () => {
    const { finalizeStudioSession } = await import("@/lib/studio/finalize-studio-session");
    const { getStudioSession } = await import("@/db/queries/studio");
    const { getRunDetails } = await import("@/lib/runs/get-run-details");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const port = (await getStudioSession({ db: harness.db, id: session.id }))!.port!;
    const result = await finalizeStudioSession({
      db: harness.db,
      sessionId: session.id,
      title: "Retitle the cart page",
      description: "Made in the studio.",
    });
    expect(result.pullRequestNumber).toBeGreaterThan(0);
    expect((await getStudioSession({ db: harness.db, id: session.id }))!.status).toBe("finalized");
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();

    const merged = await harness.waitForState(result.runId, ["merged", "failed", "needs_human"], 180_000);
    const details = await getRunDetails({ db: harness.db, runId: result.runId });
    expect(merged.state, merged.stateReason ?? "").toBe("merged");
    expect(details.validations.map((validation) => validation.status)).toEqual(["passed"]);
    expect(details.pullRequest?.body).toContain("3 commits");
    expect(await runGit(project.repository, ["show", "main:server.js"])).toContain(title);
    // No coding attempt of its own: the model was never asked to plan.
    expect(details.plan?.content.summary).toBe("Retitle the cart page");
  }, 300_000);
});
