import fs from "node:fs";
import path from "node:path";
import { getAgentMessagesByRunId } from "@/db/queries/transcripts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";
import { throwThenFixScript, webAppFixture, workingApp } from "@/testing/validation/web-app-scripts";

// The whole pipeline through the embedded engine on the fixture web app: its tests pass
// on both attempts, but attempt 1 makes the page throw in the browser. The browser check
// catches it, the agent is told, attempt 2 fixes it, the plan's acceptance checks pass
// (test, page, judge) and the run merges under a policy that requires them.
let harness: PipelineHarness;
beforeAll(async () => {
  harness = await startPipelineHarness({ script: throwThenFixScript });
}, 120_000);
afterAll(() => harness?.close());

describe("validation with a preview deployment and browser checks", () => {
  it("catches a client-side error in the preview, feeds it to the next attempt, and merges the fix", async () => {
    const { createRun } = await import("@/lib/runs/create-run");
    const { getRunDetails } = await import("@/lib/runs/get-run-details");
    const { comments } = await import("@/db/schema");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const project = await harness.createProject(
      {
        testCommands: ["npm test"],
        previewCommand: "npm run build && npm start",
        previewPages: ["/"],
        autoMerge: "auto-when-green",
        requireAcceptance: true,
        budget: { maxAttempts: 3, maxDollars: 5, maxMinutes: 30 },
      },
      { template: webAppFixture },
    );
    const run = await createRun({
      db: harness.db,
      input: { project, goal: "Tidy the page script", source: "api", autoConfirm: true },
    });
    const finished = await harness.waitForState(run.id, ["merged", "failed", "needs_human", "cancelled"], 240_000);
    expect(finished.state).toBe("merged");
    expect(finished.attempt).toBe(2);

    const details = await getRunDetails({ db: harness.db, runId: run.id });
    const [first, second] = details.validations;
    // Attempt 1: the tests passed, the page threw.
    expect(first!.status).toBe("failed");
    expect(first!.tests.map((test) => test.exitCode)).toEqual([0]);
    expect(first!.browserChecks[0]).toMatchObject({ page: "/", status: 200, screenshot: "screenshot-1-root.png" });
    expect(first!.browserChecks[0]!.pageErrors.join("\n")).toMatch(/Cannot set properties of null/);
    expect(first!.summary).toContain("The browser check of / failed.");
    expect(first!.acceptance.find((item) => item.method === "page")).toMatchObject({ passed: false });

    // Attempt 2 was told, and fixed it.
    // Its transcript (agent_messages) holds the prompt it was given.
    const secondAttempt = (await getAgentMessagesByRunId({ db: harness.db, runId: run.id })).filter(
      (message) => message.attempt === 2,
    );
    expect(JSON.stringify(secondAttempt)).toContain("Cannot set properties of null");
    expect(second!.status).toBe("passed");
    expect(second!.browserChecks[0]).toMatchObject({
      status: 200,
      pageErrors: [],
      consoleErrors: [],
      failedRequests: [],
    });
    expect(second!.acceptance).toEqual([
      expect.objectContaining({
        description: "The greeting logic still passes its tests",
        passed: true,
        method: "test",
      }),
      expect.objectContaining({ description: "The home page loads without errors", passed: true, method: "page" }),
      expect.objectContaining({
        description: "Only the page script changes",
        passed: true,
        method: "judge",
        evidence: expect.stringContaining("Scripted model"),
      }),
    ]);

    // Screenshots and logs are files under the data dir, recorded per attempt.
    for (const validation of [first!, second!]) {
      expect(validation.artifacts.map((artifact) => artifact.name).sort()).toEqual([
        "screenshot-1-root.png",
        "validation.log",
      ]);
      const shot = validation.artifacts.find((artifact) => artifact.kind === "screenshot")!;
      expect(shot.path).toBe(`artifacts/${run.id}/${validation.attempt}/screenshot-1-root.png`);
      expect(fs.readFileSync(path.join(harness.dir, shot.path)).subarray(1, 4).toString()).toBe("PNG");
    }

    // One preview per attempt: the first replaced by the second, the second stopped by the merge.
    expect(details.previews.map((preview) => [preview.attempt, preview.status])).toEqual([
      [1, "stopped"],
      [2, "stopped"],
    ]);
    expect(details.previews[1]!.lastError).toBe("The pull request was merged.");
    expect(details.previews[1]!.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // The PR comment is the report, with the preview's address people open (the PR's host
    // name on the preview proxy, not the loopback port) and the acceptance items.
    const posted = await harness.db.select().from(comments);
    const report = posted
      .map((comment) => comment.body)
      .find((body) => body.includes("Validation of attempt 2 passed"));
    expect(report).toMatch(/Preview: http:\/\/pr-\d+--[a-z0-9-]+\.preview\.localhost:\d+ \(ready\)/);
    expect(report).toContain("Acceptance checks of the plan: 3 of 3 met");
    expect(report).toContain(`/api/runs/${run.id}/artifacts/2/screenshot-1-root.png`);
    expect(await runGit(project.repository, ["show", "main:src/app.js"])).toBe(workingApp.trimEnd());
  }, 300_000);

  it("stops a run's preview on preview/stop.requested (e.g. the pull request closed)", async () => {
    const { insertRun } = await import("@/db/queries/runs");
    const { getPreviewById } = await import("@/db/queries/previews");
    const { startPreview } = await import("@/lib/validation/preview/start-preview");
    const { getSandbox } = await import("@/lib/sandbox");
    const { sendPipelineEvent } = await import("@/lib/runs/send-pipeline-event");
    const project = await harness.createProject({}, { template: webAppFixture });
    const run = await insertRun({
      db: harness.db,
      values: {
        projectId: project.id,
        source: "api",
        goal: "g",
        baseBranch: "main",
        budget: project.settings.budget,
        state: "ready",
      },
    });
    const workspace = fs.mkdtempSync(path.join(harness.dir, "preview-"));
    fs.cpSync(webAppFixture, workspace, { recursive: true });
    const started = await startPreview({
      db: harness.db,
      sandbox: getSandbox(),
      runId: run.id,
      attempt: 1,
      cwd: workspace,
      command: "npm run build && npm start",
    });
    expect(started.ok).toBe(true);

    await sendPipelineEvent({
      name: "preview/stop.requested",
      data: { runId: run.id, reason: "the pull request was closed" },
    });
    await expect
      .poll(async () => (await getPreviewById({ db: harness.db, id: started.preview.id }))?.status, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe("stopped");
    expect((await getPreviewById({ db: harness.db, id: started.preview.id }))!.lastError).toBe(
      "Stopped: the pull request was closed",
    );
    await expect
      .poll(
        () =>
          fetch(started.preview.url!).then(
            () => "up",
            () => "down",
          ),
        { timeout: 10_000 },
      )
      .toBe("down");
  }, 120_000);
});
