import { describe, expect, it } from "vitest";
import { loadCorpus } from "@/testing/fixtures/evidence/load-corpus";
import { annotationsOf } from "./annotations-of";
import { parseTestOutput } from "./parse-test-output";

const corpus = loadCorpus();
const parsedOf = (name: string) => {
  const entry = corpus.find((candidate) => candidate.name === name)!;
  return { parsed: parseTestOutput(entry.output, { junitReports: entry.junitReports }), cwd: entry.command.cwd };
};

describe("annotationsOf", () => {
  it("annotates failing tests on repository paths, from absolute paths under the workspace", () => {
    const { parsed, cwd } = parsedOf("tape-basic");
    expect(annotationsOf(parsed, { workspacePath: cwd })[0]).toEqual({
      path: "test/flags.js",
      startLine: 16,
      endLine: 16,
      level: "failure",
      message: "should be deeply equivalent\nexpected: { a: 2 }\nactual: { a: 1 }",
      title: "Failing test: merge options",
    });
  });

  it("annotates problems: errors as failures, warnings as warnings", () => {
    const { parsed, cwd } = parsedOf("eslint-errors");
    const annotations = annotationsOf(parsed, { workspacePath: cwd });
    expect(annotations).toHaveLength(9);
    expect(annotations[0]).toMatchObject({
      path: "src/extra.js",
      startLine: 2,
      level: "failure",
      title: "eslint no-undef",
    });
    expect(annotations.filter((annotation) => annotation.level === "warning")).toHaveLength(2);
    expect(annotationsOf(parsedOf("tsc").parsed)[0]).toMatchObject({
      path: "src/flags.ts",
      startLine: 13,
      title: "tsc TS2551",
    });
    expect(annotationsOf(parsedOf("flake8").parsed)[0]).toMatchObject({ path: "flags/report.py", startLine: 1 });
  });

  it("drops absolute paths outside the workspace and what has no line", () => {
    const { parsed } = parsedOf("tape-basic");
    expect(annotationsOf(parsed, { workspacePath: "/somewhere/else" })).toEqual([]);
    expect(annotationsOf(parsed)).toEqual([]);
    const biome = annotationsOf(parsedOf("biome-check").parsed);
    expect(biome.every((annotation) => annotation.startLine > 0)).toBe(true);
    expect(
      annotationsOf({
        format: "x",
        failing: [],
        passing: [],
        problems: [{ tool: "tsc", file: "../up.ts", line: 1, severity: "error", message: "m" }],
      }),
    ).toEqual([]);
  });

  it("leaves Go's package-relative file names to resolvePath", () => {
    const { parsed, cwd } = parsedOf("go");
    const annotations = annotationsOf(parsed, { workspacePath: cwd });
    expect(annotations.map((annotation) => annotation.path)).toEqual(["flags/flags_test.go"]);
    const resolved = annotationsOf(parsed, {
      workspacePath: cwd,
      resolvePath: (file) => (file.includes("/") ? undefined : `flags/${file}`),
    });
    expect(resolved.map((annotation) => `${annotation.path}:${annotation.startLine}`)).toEqual([
      "flags/flags_test.go:19",
      "flags/flags_test.go:33",
      "flags/flags_test.go:39",
    ]);
  });

  it("keeps to GitHub's 50 annotations a request", () => {
    const problems = Array.from({ length: 80 }, (_, i) => ({
      tool: "tsc",
      file: "a.ts",
      line: i + 1,
      severity: "error" as const,
      message: "m",
    }));
    expect(annotationsOf({ format: "tsc", failing: [], passing: [], problems })).toHaveLength(50);
  });
});
