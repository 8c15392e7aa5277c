import { describe, expect, it } from "vitest";
import { loadCorpus } from "@/testing/fixtures/evidence/load-corpus";
import { findTest } from "./find-test";
import { parseTestOutput } from "./parse-test-output";

const corpus = loadCorpus();

describe("parseTestOutput on the recorded corpus", () => {
  it("has the runners the corpus promises", () => {
    const names = corpus.map((entry) => entry.name);
    for (const runner of [
      "tape",
      "node-tap",
      "node-spec",
      "jest",
      "vitest",
      "mocha",
      "ava",
      "eslint",
      "tsc",
      "biome",
      "pytest",
      "go",
      "cargo",
      "flake8",
    ]) {
      expect(names.some((name) => name.startsWith(runner))).toBe(true);
    }
    expect(corpus.some((entry) => entry.junitReports.length > 0)).toBe(true);
  });

  for (const entry of corpus) {
    it(`${entry.name}: ${entry.expected.about}`, () => {
      const parsed = parseTestOutput(entry.output, { junitReports: entry.junitReports });
      const { expected } = entry;
      expect(parsed.format).toBe(expected.format);
      expect(parsed.failing.map((test) => test.name).sort()).toEqual(expected.failing.map((test) => test.name).sort());
      for (const want of expected.failing) {
        // One name can be two tests (node:test's same name in two files): told apart by file.
        const got = parsed.failing.find(
          (test) => test.name === want.name && (!want.location || test.location?.file === want.location.file),
        )!;
        if (want.message) expect(got.message?.split("\n")[0]).toBe(want.message);
        expect(got.expected).toBe(want.expected);
        expect(got.actual).toBe(want.actual);
        expect(got.location).toEqual(want.location);
      }
      expect([...parsed.passing].sort()).toEqual([...expected.passing].sort());
      expect(parsed.problems.map((problem) => ({ ...problem, message: problem.message.split("\n")[0] }))).toEqual(
        expected.problems,
      );
      for (const text of expected.excerptIncludes ?? []) expect(parsed.excerpt).toContain(text);
      for (const text of expected.excerptExcludes ?? []) expect(parsed.excerpt).not.toContain(text);
      if (expected.failing.length > 0 || expected.problems.length > 0) expect(parsed.excerpt).toBeUndefined();
    });
  }
});

describe("the cases that flew blind before", () => {
  const byName = (name: string) => corpus.find((entry) => entry.name === name)!;

  it("tape's `not ok 8 should be deeply equivalent` fails the test named by the comment above it", () => {
    const entry = byName("tape-basic");
    expect(entry.output).toContain("# merge options\nok 6 should be deeply equivalent");
    expect(entry.output).toContain("not ok 8 should be deeply equivalent\n");
    const parsed = parseTestOutput(entry.output);
    expect(findTest(parsed, "merge options")).toMatchObject({
      status: "failed",
      test: { message: "should be deeply equivalent", expected: "{ a: 2 }", actual: "{ a: 1 }" },
    });
  });

  it("eslint's `✖ 8 problems (0 errors, 8 warnings)` is eight warnings, not a failing test", () => {
    for (const name of ["eslint-warnings", "combined-eslint-tape"]) {
      const entry = byName(name);
      expect(entry.output).toContain("✖ 8 problems (0 errors, 8 warnings)");
      const parsed = parseTestOutput(entry.output);
      expect(parsed.problems).toHaveLength(8);
      expect(parsed.problems.every((problem) => problem.severity === "warning")).toBe(true);
      expect(parsed.failing.map((test) => test.name)).not.toContain("8 problems (0 errors, 8 warnings)");
    }
    expect(parseTestOutput(byName("eslint-warnings").output).failing).toEqual([]);
  });

  it("`# count flags` followed by `ok 28 should be equal` is a passing test named count flags", () => {
    const entry = byName("tape-legacy");
    expect(entry.output).toContain("# count flags\nok 28 should be equal\n");
    expect(findTest(parseTestOutput(entry.output), "count flags")).toEqual({ status: "passed", name: "count flags" });
  });

  it("an npm test running eslint, then tape, yields both the problems and the tests", () => {
    const parsed = parseTestOutput(byName("combined-eslint-tape").output);
    expect(parsed.format).toBe("eslint+tap");
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.failing.length).toBeGreaterThan(0);
    expect(parsed.passing).toContain("count flags");
  });
});
