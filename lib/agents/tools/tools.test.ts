import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTool } from "@/testing/ai/call-tool";
import { recordingSandbox } from "@/testing/ai/recording-sandbox";
import { codingTools } from "./coding-tools";

// Created when the file loads: the it.each tables below use these paths.
const base = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-tools-"));
const workspace = path.join(base, "workspace");
const outside = path.join(base, "outside");
let tools: ReturnType<typeof codingTools>;
const sandbox = recordingSandbox();

function write(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

beforeAll(() => {
  write(path.join(outside, "secret.txt"), "TOP SECRET host file\n");
  write(path.join(workspace, "README.md"), "# demo\n");
  write(path.join(workspace, "src", "cart.js"), "export const a = 1;\nexport const b = 2;\nexport const a2 = 1;\n");
  write(path.join(workspace, ".git", "config"), "[core]\n");
  write(path.join(workspace, "node_modules", "dep", "index.js"), "export const a = 1;\n");
  fs.symlinkSync(path.join(outside, "secret.txt"), path.join(workspace, "link-out"));
  fs.symlinkSync(outside, path.join(workspace, "dir-out"));
  fs.symlinkSync(path.join(workspace, ".git", "config"), path.join(workspace, "link-git"));
  fs.symlinkSync(path.join(outside, "missing.txt"), path.join(workspace, "dangling"));
  fs.symlinkSync("src/cart.js", path.join(workspace, "link-in"));
  tools = codingTools({
    workspacePath: workspace,
    sandbox,
    commandEnv: { GREETING: "hello", API_TOKEN: "s3cr3t-token" },
    redact: ["s3cr3t-token"],
  });
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe("file tools are confined to the workspace", () => {
  it.each([
    ["a .. escape", "../outside/secret.txt", /escapes the workspace/],
    ["a .. escape in the middle", "src/../../outside/secret.txt", /escapes the workspace/],
    ["an absolute path outside", "/etc/passwd", /outside the workspace/],
    ["a symlink to a file outside", "link-out", /outside the workspace \(through a symlink\)/],
    ["a file under a symlinked directory outside", "dir-out/secret.txt", /outside the workspace/],
    ["the .git directory", ".git/config", /\.git/],
    ["the .git directory by another spelling", ".GIT/config", /\.git/],
    ["the .git directory through ..", "src/../.git/config", /\.git/],
    ["a symlink into .git", "link-git", /into \.git/],
  ])("read_file refuses %s", async (_name, requested, message) => {
    const result = await callTool(tools.read_file, { path: requested });
    expect(result).toMatchObject({ ok: false });
    expect((result as { error: string }).error).toMatch(message);
  });

  it.each([
    ["a .. escape", "../outside/new.txt"],
    ["an absolute path outside", path.join(outside, "new.txt")],
    ["a new file under a symlinked directory outside", "dir-out/new.txt"],
    ["a dangling symlink (whose target is outside)", "dangling"],
    ["a file inside .git", ".git/hooks/pre-commit"],
    ["a symlink to a file outside", "link-out"],
  ])("write_file refuses %s and writes nothing", async (_name, requested) => {
    const before = fs.readdirSync(outside).sort();
    const result = await callTool(tools.write_file, { path: requested, content: "pwned" });
    expect(result).toMatchObject({ ok: false });
    expect(fs.readdirSync(outside).sort()).toEqual(before);
    expect(fs.readFileSync(path.join(outside, "secret.txt"), "utf8")).toBe("TOP SECRET host file\n");
    expect(fs.existsSync(path.join(workspace, ".git", "hooks"))).toBe(false);
  });

  it("edit_file refuses a symlink out of the workspace and .git", async () => {
    expect(await callTool(tools.edit_file, { path: "link-out", oldText: "TOP", newText: "x" })).toMatchObject({
      ok: false,
    });
    expect(await callTool(tools.edit_file, { path: ".git/config", oldText: "core", newText: "x" })).toMatchObject({
      ok: false,
    });
    expect(fs.readFileSync(path.join(outside, "secret.txt"), "utf8")).toBe("TOP SECRET host file\n");
  });

  it("accepts absolute paths inside the workspace and symlinks that stay inside", async () => {
    expect(await callTool(tools.read_file, { path: path.join(workspace, "README.md") })).toMatchObject({
      ok: true,
      path: "README.md",
      content: "# demo",
    });
    expect(await callTool(tools.read_file, { path: "link-in" })).toMatchObject({ ok: true, totalLines: 3 });
  });

  it("list_files skips .git and node_modules and does not follow symlinks", async () => {
    const result = await callTool(tools.list_files, {});
    expect(result).toMatchObject({ ok: true, truncated: false });
    const entries = (result as { entries: string[] }).entries;
    expect(entries).toEqual([
      "README.md",
      "dangling -> symlink",
      "dir-out -> symlink",
      "link-git -> symlink",
      "link-in -> symlink",
      "link-out -> symlink",
      "src/cart.js",
    ]);
    expect(await callTool(tools.list_files, { path: "dir-out" })).toMatchObject({ ok: false });
    expect(await callTool(tools.list_files, { path: "..", recursive: false })).toMatchObject({ ok: false });
  });

  it("search_files finds literal and regex matches but never in node_modules, .git or through symlinks", async () => {
    const literal = await callTool(tools.search_files, { query: "export const a" });
    expect(literal).toMatchObject({ ok: true, truncated: false });
    expect((literal as { results: unknown[] }).results).toEqual([
      { path: "src/cart.js", line: 1, text: "export const a = 1;" },
      { path: "src/cart.js", line: 3, text: "export const a2 = 1;" },
    ]);
    const regex = await callTool(tools.search_files, { query: "a\\d? = 1", regex: true, maxResults: 1 });
    expect(regex).toMatchObject({ ok: true, truncated: true, results: [{ path: "src/cart.js", line: 1 }] });
    const secret = await callTool(tools.search_files, { query: "secret", caseSensitive: false });
    expect(secret).toMatchObject({ ok: true, results: [] });
    expect(await callTool(tools.search_files, { query: "(", regex: true })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Invalid regular expression/),
    });
  });
});

describe("edit_file", () => {
  it("replaces text that matches exactly once, literally", async () => {
    write(path.join(workspace, "edit.txt"), "one\ntwo\nthree\n");
    expect(await callTool(tools.edit_file, { path: "edit.txt", oldText: "two", newText: "2 $& $1" })).toEqual({
      ok: true,
      path: "edit.txt",
      line: 2,
    });
    expect(fs.readFileSync(path.join(workspace, "edit.txt"), "utf8")).toBe("one\n2 $& $1\nthree\n");
  });

  it("refuses text that is missing or matches more than once, and leaves the file alone", async () => {
    write(path.join(workspace, "edit.txt"), "same\nsame\naaa\n");
    expect(await callTool(tools.edit_file, { path: "edit.txt", oldText: "nothing", newText: "x" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not found/),
    });
    expect(await callTool(tools.edit_file, { path: "edit.txt", oldText: "same", newText: "x" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/matches 2 times/),
    });
    // Overlapping matches are ambiguous too.
    expect(await callTool(tools.edit_file, { path: "edit.txt", oldText: "aa", newText: "x" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/matches 2 times/),
    });
    expect(fs.readFileSync(path.join(workspace, "edit.txt"), "utf8")).toBe("same\nsame\naaa\n");
  });
});

describe("read_file and write_file", () => {
  it("writes new files in new directories and reads line ranges with truncation", async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join("\n");
    expect(await callTool(tools.write_file, { path: "deep/new/file.txt", content: lines })).toMatchObject({
      ok: true,
      created: true,
      path: "deep/new/file.txt",
    });
    expect(await callTool(tools.read_file, { path: "deep/new/file.txt", startLine: 10, endLine: 12 })).toMatchObject({
      ok: true,
      content: "line 10\nline 11\nline 12",
      totalLines: 1000,
      truncated: false,
    });
    expect(await callTool(tools.read_file, { path: "deep/new/file.txt" })).toMatchObject({
      ok: true,
      endLine: 400,
      truncated: true,
      nextStartLine: 401,
    });
    expect(await callTool(tools.read_file, { path: "deep/new/file.txt", startLine: 2000 })).toMatchObject({
      ok: false,
    });
    expect(await callTool(tools.read_file, { path: "deep" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/directory/),
    });
    expect(await callTool(tools.read_file, { path: "missing.txt" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/does not exist/),
    });
  });
});

describe("run_command", () => {
  it("runs through the sandbox in the workspace with the command env, redacted", async () => {
    const result = await callTool(tools.run_command, { command: 'pwd; echo "$GREETING $API_TOKEN"; exit 3' });
    expect(result).toMatchObject({ ok: true, exitCode: 3, timedOut: false });
    const output = (result as { output: string }).output;
    expect(output).toContain(fs.realpathSync(workspace));
    expect(output).toContain("hello [redacted]");
    expect(sandbox.commands.at(-1)).toMatchObject({ cwd: workspace, network: false, redact: ["s3cr3t-token"] });
  });

  it("keeps the end of long output", async () => {
    const result = await callTool(tools.run_command, { command: "seq 1 20000" });
    const output = (result as { output: string }).output;
    expect(output).toMatch(/^\[\.\.\. \d+ earlier characters cut \.\.\.\]/);
    expect(output.trimEnd().endsWith("20000")).toBe(true);
  });
});
