import { describe, expect, it } from "vitest";
import { formatValidationReport, type ReportedValidation } from "./format-validation-report";

const runId = "0b6e5a8e-3d1c-4c1f-9a51-8d0e2f1b7c44";
const base: ReportedValidation = {
  runId,
  attempt: 2,
  status: "passed",
  headSha: "0123456789abcdef0123",
  setup: [{ command: "npm ci", exitCode: 0, durationMs: 4200, output: "" }],
  tests: [{ command: "npm test", exitCode: 0, durationMs: 1500, output: "ok 1 - greets by name" }],
  browserChecks: [
    {
      page: "/",
      status: 200,
      consoleErrors: [],
      pageErrors: [],
      failedRequests: [],
      screenshot: "screenshot-1-root.png",
    },
  ],
  acceptance: [
    {
      description: "Greets by name",
      passed: true,
      evidence: 'The test "greets by name" passed in `npm test`.',
      method: "test",
    },
    { description: "Page loads", passed: true, evidence: "GET / answered 200.", method: "page" },
  ],
  artifacts: [
    { name: "screenshot-1-root.png", path: `artifacts/${runId}/2/screenshot-1-root.png`, kind: "screenshot" },
    { name: "validation.log", path: `artifacts/${runId}/2/validation.log`, kind: "log" },
  ],
};

describe("formatValidationReport", () => {
  it("reports a passed validation: preview address, each step, screenshots, acceptance items, logs", () => {
    const report = formatValidationReport(base, {
      preview: { url: "http://127.0.0.1:4100", status: "ready", restarts: 1, lastError: null },
      baseUrl: "https://ml.example",
    });
    expect(report).toContain("**Validation of attempt 2 passed** at `0123456789ab`");
    expect(report).toContain("Preview: http://127.0.0.1:4100 (ready, restarted 1×)");
    expect(report).toContain("| setup | `npm ci` | passed (4.2 s) |");
    expect(report).toContain(
      `| browser | \`/\` | passed · [screenshot](https://ml.example/api/runs/${runId}/artifacts/2/screenshot-1-root.png) |`,
    );
    expect(report).toContain("Acceptance checks of the plan: 2 of 2 met\n- [x] Greets by name:");
    expect(report).toContain(`Logs: [validation.log](https://ml.example/api/runs/${runId}/artifacts/2/validation.log)`);
    expect(report).not.toContain("What failed");
    expect(report).not.toContain("setup cache");
    expect(formatValidationReport({ ...base, setupCacheHit: "3f2a9c0d1e2b4a5c6d7e" })).toContain(
      "Setup was restored from the setup cache (`3f2a9c0d1e2b`): its commands did not run.",
    );
  });

  it("explains a failure: the failing page's errors, a preview that gave up, unmet acceptance items", () => {
    const report = formatValidationReport(
      {
        ...base,
        status: "failed",
        browserChecks: [
          {
            page: "/",
            status: 200,
            consoleErrors: ["boom"],
            pageErrors: ["TypeError: Cannot set properties of null\n    at app.js:3"],
            failedRequests: ["GET /x.png: HTTP 404"],
          },
        ],
        acceptance: [
          { description: "Page loads", passed: false, evidence: "GET / answered 200; uncaught error.", method: "page" },
        ],
      },
      {
        preview: {
          url: "http://127.0.0.1:4101",
          status: "failed",
          restarts: 3,
          lastError: "It exited with code 1. Gave up after 3 restarts.",
        },
        previewLog: "Error: EADDRINUSE\n",
      },
    );
    expect(report).toContain("**Validation of attempt 2 failed**");
    expect(report).toContain("Preview: failed, restarted 3×: It exited with code 1. Gave up after 3 restarts.");
    expect(report).toContain("| browser | `/` | **failed**: HTTP 200, 3 problems |");
    expect(report).toContain("- [ ] Page loads: GET / answered 200; uncaught error.");
    expect(report).toContain("What failed:");
    expect(report).toContain("The preview failed: It exited with code 1.");
    expect(report).toContain("Error: EADDRINUSE");
    expect(report).toContain("The browser check of / failed.");
    expect(report).toContain("TypeError: Cannot set properties of null");
    expect(report).toContain("Acceptance checks of the approved plan that are not met:\n- Page loads");
  });

  it("puts the failing command's summary first", () => {
    const report = formatValidationReport({
      ...base,
      status: "failed",
      browserChecks: [],
      acceptance: [],
      tests: [
        { command: "npm test", exitCode: 1, durationMs: 900, output: "TAP version 13\nnot ok 1 - greets by name\n" },
      ],
    });
    expect(report).toContain("| test | `npm test` | **failed**: exit code 1 (0.9 s) |");
    expect(report).toMatch(
      /What failed:\n\nThe test command `npm test` exited with code 1[^\n]*\n\n\*\*1 failing test\*\*[^\n]*\n\n1\. `greets by name`/,
    );
  });
});
