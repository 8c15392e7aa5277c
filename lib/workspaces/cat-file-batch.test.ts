import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { catFileBatch } from "@/lib/workspaces/cat-file-batch";

let root: string;
let bare: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "cat-file-batch-"));
  const work = path.join(root, "work");
  execFileSync("git", ["init", "-q", "-b", "main", work]);
  writeFileSync(path.join(work, "a.txt"), "first\nline with é\n");
  writeFileSync(path.join(work, "empty.txt"), "");
  execFileSync("git", ["-C", work, "add", "."]);
  execFileSync("git", ["-C", work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "one"]);
  bare = path.join(root, "bare.git");
  execFileSync("git", ["clone", "-q", "--bare", work, bare]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("catFileBatch", () => {
  it("answers in the order asked, null for what git lacks, whatever sits between", async () => {
    const blob = execFileSync("git", ["--git-dir", bare, "rev-parse", "main:a.txt"], { encoding: "utf8" }).trim();
    const objects = await catFileBatch(bare, [
      "main:missing.txt",
      "main:a.txt",
      "main:empty.txt",
      "main",
      "main:",
      "bad\nspec",
      blob,
    ]);
    expect(objects.map((object) => object?.type ?? null)).toEqual([
      null,
      "blob",
      "blob",
      "commit",
      "tree",
      null,
      "blob",
    ]);
    expect(objects[1]!.content.toString("utf8")).toBe("first\nline with é\n");
    expect(objects[2]!.content.length).toBe(0);
    expect(objects[6]!.content.equals(objects[1]!.content)).toBe(true);
    expect(await catFileBatch(bare, [])).toEqual([]);
  });

  it("fails on a directory that is not a repository", async () => {
    await expect(catFileBatch(root, ["main:a.txt"])).rejects.toThrow(/git cat-file --batch failed/);
  });
});
