import { describe, expect, it } from "vitest";
import { loadCorpus } from "@/testing/fixtures/evidence/load-corpus";
import { parseTestOutput } from "./parse-test-output";
import { renderEvidence } from "./render-evidence";

const corpus = loadCorpus();
const entryOf = (name: string) => corpus.find((entry) => entry.name === name)!;
const render = (name: string, maxChars?: number) => {
  const entry = entryOf(name);
  return renderEvidence({
    result: {
      command: entry.command.command!,
      exitCode: Number(entry.command.exit),
      durationMs: 4200,
      output: entry.output,
    },
    parsed: parseTestOutput(entry.output, { junitReports: entry.junitReports }),
    workspacePath: entry.command.cwd,
    maxChars,
  });
};

describe("renderEvidence", () => {
  it("says how the command ended, then each failing test with its message, values and location", () => {
    const text = render("tape-basic");
    expect(text).toMatch(/^The test command `npm test` exited with code 1 after 4 s\./);
    expect(text).toContain("**4 failing tests** (4 passed):");
    expect(text).toContain(
      "1. `merge options`: should be deeply equivalent\n   - expected: `{ a: 2 }`\n   - actual: `{ a: 1 }`\n   - at `test/flags.js:16:5`",
    );
    expect(text).not.toContain("/tmp/mergeline-evidence/tape-basic/test/flags.js:16:5`");
  });

  it("lists lint problems apart from tests, and does not repeat them in the tail", () => {
    const text = render("combined-eslint-tape");
    expect(text).toContain("**8 problems** (0 errors, 8 warnings):");
    expect(text).toContain(
      "- `src/report.js:1:7` warning (eslint no-unused-vars): 'fs' is assigned a value but never used",
    );
    const tail = text.slice(text.indexOf("End of its output"));
    expect(tail).not.toContain("'fs' is assigned a value but never used");
    expect(tail).not.toMatch(/^ok \d+/m);
  });

  it("shows the lines around the first error of an output no parser knows, not its tail", () => {
    const text = render("python-script");
    expect(text).toContain("Around the first error in its output:");
    expect(text).toContain("Traceback (most recent call last):");
    expect(text).toContain("json.decoder.JSONDecodeError");
    expect(text).not.toContain("checking step 1: ok");
  });

  it("stays within its budget and bounds the tests it lists", () => {
    for (const entry of corpus) expect(render(entry.name, 3000).length).toBeLessThanOrEqual(3000);
    const failing = Array.from({ length: 60 }, (_, i) => ({ name: `test ${i}`, message: "x".repeat(5000) }));
    const text = renderEvidence({
      result: { command: "npm test", exitCode: 1, durationMs: 1, output: "y\n".repeat(100_000) },
      parsed: { format: "jest", failing, passing: [], problems: [] },
    });
    expect(text.length).toBeLessThanOrEqual(6000);
    expect(text).not.toContain("`test 25`");
  });

  it("never ends inside a code block, whatever the budget", () => {
    for (const entry of corpus) {
      for (const budget of [1500, 3000, 6000]) {
        const text = render(entry.name, budget);
        const fences = text.split("\n").filter((line) => /^\s*`{3,}/.test(line));
        expect(fences.length % 2, `${entry.name} at ${budget}`).toBe(0);
        expect(text).not.toContain("[... cut ...]");
      }
    }
  });

  it("says a timeout or a kill, and keeps backticks from breaking its Markdown", () => {
    const text = renderEvidence({
      phase: "setup",
      result: {
        command: "echo `date`",
        exitCode: null,
        timedOut: true,
        durationMs: 600_000,
        output: "```\nError: boom\n",
      },
    });
    expect(text).toMatch(/^The setup command `` echo `date` `` timed out after 600 s\./);
    expect(text).toContain("````text\n```\nError: boom\n````");
    const killed = renderEvidence({
      result: { command: "x", exitCode: null, signal: "SIGKILL", durationMs: 0, output: "" },
    });
    expect(killed).toBe("The test command `x` was killed by SIGKILL.");
  });
});
