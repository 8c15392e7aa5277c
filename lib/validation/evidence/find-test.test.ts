import { describe, expect, it } from "vitest";
import { loadCorpus } from "@/testing/fixtures/evidence/load-corpus";
import { findTest } from "./find-test";
import { parseTestOutput } from "./parse-test-output";

const corpus = loadCorpus();
const parsedOf = (name: string) => {
  const entry = corpus.find((candidate) => candidate.name === name)!;
  return parseTestOutput(entry.output, { junitReports: entry.junitReports });
};

describe("findTest", () => {
  const spec = parsedOf("node-spec");

  it("finds a test by its full name, nesting included", () => {
    expect(findTest(spec, "parse > values > reads a value after the flag").status).toBe("failed");
    expect(findTest(spec, "parse > values > reads --key=value")).toEqual({
      status: "passed",
      name: "parse > values > reads --key=value",
    });
  });

  it("finds a test by its last segments", () => {
    expect(findTest(spec, "reads a value after the flag").name).toBe("parse > values > reads a value after the flag");
    expect(findTest(spec, "values > reads --key=value").status).toBe("passed");
  });

  it("decides a describe block or parent test by the tests under it", () => {
    expect(findTest(spec, "values").status).toBe("failed");
    expect(findTest(spec, "parse").status).toBe("failed");
    expect(findTest(spec, "count flags").status).toBe("failed");
  });

  it("falls back to a loose match: case, quotes and separators", () => {
    expect(findTest(spec, "Parse › Values › Reads a value after the flag").status).toBe("failed");
    expect(findTest(spec, "'merge keeps keys of both'").status).toBe("passed");
  });

  it("says absent for a test the output does not name", () => {
    expect(findTest(spec, "reads short flags")).toEqual({ status: "absent" });
    expect(findTest(spec, "")).toEqual({ status: "absent" });
  });

  it("finds tests of the other runners by the names their users write", () => {
    expect(findTest(parsedOf("tape-legacy"), "count flags").status).toBe("passed");
    expect(findTest(parsedOf("tape-basic"), "merge options").status).toBe("failed");
    expect(findTest(parsedOf("pytest-verbose"), "test_value_after_flag").status).toBe("failed");
    expect(findTest(parsedOf("pytest-verbose"), "TestMerge::test_keeps_both").status).toBe("passed");
    expect(findTest(parsedOf("pytest-junit"), "tests/test_merge.py::test_count_flags").status).toBe("passed");
    expect(findTest(parsedOf("go-verbose"), "TestParse").status).toBe("failed");
    expect(findTest(parsedOf("go-verbose"), "TestParse/key_value").status).toBe("passed");
    expect(findTest(parsedOf("go-verbose"), "TestParse/flag without value").status).toBe("failed");
    expect(findTest(parsedOf("cargo"), "counts_short_flags").status).toBe("failed");
    expect(findTest(parsedOf("cargo"), "tests::parse::reads_key_value").status).toBe("passed");
    expect(findTest(parsedOf("jest-junit"), "parse > values > reads --key=value").status).toBe("passed");
    expect(findTest(parsedOf("ava"), "merge lets the second win").status).toBe("failed");
    expect(findTest(parsedOf("mocha"), "count flags").status).toBe("passed");
  });

  it("prefers a failure to a pass at the same level of match", () => {
    const parsed = { failing: [{ name: "b > same" }], passing: ["a > same"] };
    expect(findTest(parsed, "same").status).toBe("failed");
  });
});
