import { describe, expect, it } from "vitest";
import { loadCorpus } from "@/testing/fixtures/evidence/load-corpus";
import { parseTestOutput } from "./parse-test-output";
import { renderEvidence } from "./render-evidence";

const corpus = loadCorpus();
const jest = corpus.find((entry) => entry.name === "jest")!;
const MB = 1024 * 1024;

/** Random bytes as a runner's output arrives: decoded as UTF-8, invalid sequences as U+FFFD. */
function randomOutput(bytes: number, seed: number): string {
  const buffer = Buffer.alloc(bytes);
  let state = seed;
  for (let i = 0; i < bytes; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    buffer[i] = state >>> 24;
  }
  return buffer.toString("utf8");
}

describe("parseTestOutput on hostile input", () => {
  it("reads a runner's output through NUL bytes, U+FFFD, ANSI colors and CRLF line ends", () => {
    const hostile = jest.output
      .split("\n")
      .map((line, i) =>
        // Colors around lines, NUL inside them, invalid bytes in printed values.
        i % 3 === 0 ? `\x1b[31m${line}\x1b[0m` : i % 3 === 1 ? `${line.slice(0, 3)}\0${line.slice(3)}` : line,
      )
      .map((line) => (line.startsWith("      ") ? `${line}\uFFFD` : line))
      .join("\r\n");
    const parsed = parseTestOutput(hostile);
    const clean = parseTestOutput(jest.output);
    expect(parsed.failing.length).toBe(clean.failing.length);
    for (const test of parsed.failing) {
      for (const text of [test.name, test.message ?? ""]) {
        for (const control of ["\0", "\x1b", "\r"]) expect(text.includes(control)).toBe(false);
      }
    }
  });

  it("keeps a progress bar's last state and drops other control characters", () => {
    const parsed = parseTestOutput(
      "building 10%\rbuilding 50%\rbuilding 100%\r\n\x07\x08Error: \x1b]0;title\x07boom\n",
    );
    expect(parsed.excerpt).toBe("building 100%\nError: boom");
  });

  it("parses 5 MB of random bytes and returns bounded evidence", () => {
    const output = randomOutput(5 * MB, 7);
    const parsed = parseTestOutput(output);
    expect(parsed.excerpt).toBeDefined();
    expect(parsed.excerpt!.length).toBeLessThan(5000);
    const text = renderEvidence({ result: { command: "npm test", exitCode: 1, durationMs: 1000, output }, parsed });
    expect(text.length).toBeLessThanOrEqual(6000);
  });

  it("does not backtrack on long lines made to look like every format", () => {
    const shapes = [
      `${"a:1:".repeat(1_000_000)}`,
      `  1:1  error  ${"x  ".repeat(500_000)}`,
      `${"ok ".repeat(1_000_000)}`,
      `src/a.ts(${"1,".repeat(500_000)}`,
      `${"━".repeat(1_000_000)}`,
      `FAILED ${"a::".repeat(500_000)}`,
      `test ${"x ... ".repeat(300_000)}`,
      `{"Action":"${"\\".repeat(1_000_000)}`,
    ];
    for (const shape of shapes) {
      const parsed = parseTestOutput(`${shape}\n${shape}\n`);
      expect(parsed.failing.length + parsed.problems.length).toBeLessThan(10);
    }
  });

  it("parses 5 MB of one runner's output (the corpus repeated) with its tests found once each", () => {
    const output = Array.from({ length: Math.ceil((5 * MB) / jest.output.length) }, () => jest.output).join("\n");
    const parsed = parseTestOutput(output);
    expect(parsed.failing.map((test) => test.name).sort()).toEqual(
      jest.expected.failing.map((test) => test.name).sort(),
    );
  });
});
