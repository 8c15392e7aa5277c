import { describe, expect, it } from "vitest";
import { OutputCapture } from "@/lib/sandbox/output-capture";

const capture = (maxBytes: number, chunks: (string | Buffer)[], redact: string[] = []) => {
  const output = new OutputCapture(maxBytes, redact);
  for (const chunk of chunks) output.write(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return output.finish();
};

describe("OutputCapture", () => {
  it("keeps everything under the cap", () => {
    expect(capture(100, ["hello ", "world"])).toEqual({ output: "hello world", truncated: false });
  });

  it("keeps the head and the tail with a marker giving the bytes cut", () => {
    expect(capture(10, ["abcdefghij", "klmnopqrst", "uvwxyz"])).toEqual({
      output: "abcde\n[... 16 bytes cut ...]\nvwxyz",
      truncated: true,
    });
  });

  it("never splits a UTF-8 character at the cut", () => {
    const { output } = capture(9, ["ééééé", "ééééé"]);
    expect(output).not.toContain("\uFFFD");
    expect(output).toBe("éé\n[... 12 bytes cut ...]\néé");
  });

  it("decodes characters split across chunks", () => {
    const bytes = Buffer.from("é");
    expect(capture(100, [bytes.subarray(0, 1), bytes.subarray(1)]).output).toBe("é");
  });

  it("redacts secrets, also when split across chunks", () => {
    expect(capture(1000, ["token=sec", "ret-1 and sec", "r", "et-1!"], ["secret-1"]).output).toBe(
      "token=[redacted] and [redacted]!",
    );
  });

  it("redacts the longer of two overlapping secrets whole", () => {
    expect(capture(1000, ["abc-long-secret"], ["abc", "abc-long-secret"]).output).toBe("[redacted]");
  });

  it("redacts before cutting, so no part of a secret survives the cut", () => {
    const secret = "SECRETKEYVALUE42";
    // Head and tail are 10 bytes each: both copies of the secret straddle the cut.
    const { output } = capture(20, ["x".repeat(5), secret, "y".repeat(40), secret, "z".repeat(5)], [secret]);
    expect(output).toBe("xxxxx[reda\n[... 50 bytes cut ...]\ncted]zzzzz");
    for (let start = 0; start + 3 <= secret.length; start++)
      expect(output).not.toContain(secret.slice(start, start + 3));
  });

  it("ignores empty secrets", () => {
    expect(capture(100, ["abc"], [""]).output).toBe("abc");
  });
});
