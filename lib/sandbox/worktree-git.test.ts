import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBwrapDriver } from "@/lib/sandbox/bwrap-driver";
import { createProcessDriver } from "@/lib/sandbox/process-driver";
import type { SandboxDriver } from "@/lib/sandbox/types";
import { copyWorkspace } from "@/lib/workspaces/copy-workspace";
import { mirrorPath, previewCopyPath } from "@/lib/workspaces/paths";
import { openRepository } from "@/lib/workspaces/repository";
import { runGit } from "@/lib/workspaces/run-git";
import type { Workspace } from "@/lib/workspaces/types";
import { prepareLocalWorkspace } from "@/lib/workspaces/workspace";
import { commitOnCheckout, makeRepository, makeTempDir, writeFiles } from "@/testing/local-project";
import { bwrapProbe } from "@/testing/sandbox-test-kit";

// Real git in a real sandbox: a workspace is a worktree of the repository's mirror, whose
// git dir lives outside the workspace.

let root: string;
let repo: string;
let mirror: string;
let first: Workspace;
let other: Workspace;
let tagged: string;
let copy: string;

beforeAll(async () => {
  root = await makeTempDir();
  const dataDir = path.join(root, "data");
  repo = await makeRepository(root, { "README.md": "# demo\n", "src/a.js": "export const a = 1;\n" });
  tagged = await runGit(repo, ["rev-parse", "HEAD"]);
  await runGit(repo, ["tag", "-a", "v1.0.0", "-m", "first release"]);
  await commitOnCheckout(repo, { "src/b.js": "export const b = 2;\n" }, "Add b");
  const repository = await openRepository(repo);
  const prepare = (runId: string) =>
    prepareLocalWorkspace({ dataDir, repository, runId, branch: `mergeline/run-${runId}`, baseBranch: "main" });
  first = await prepare("git-first");
  other = await prepare("git-other");
  mirror = mirrorPath(dataDir, repo);
  await writeFiles(first.path, { "README.md": "# demo, changed\n", "notes.txt": "new\n" });
  copy = previewCopyPath(dataDir, "git-first", 1);
  await copyWorkspace({ source: first.path, target: copy, dataDir });
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

const drivers: { label: string; driver: SandboxDriver }[] = [
  { label: "process", driver: createProcessDriver() },
  ...(bwrapProbe.ok ? [{ label: "bwrap", driver: createBwrapDriver() }] : []),
];

describe.each(drivers)("git in the $label sandbox", ({ driver }) => {
  const run = (command: string, cwd = first.path) => driver.run({ command, cwd, timeoutMs: 20_000 });

  it("runs the read-only git commands a project's scripts use", async () => {
    const status = await run("git status --porcelain");
    expect(status.exitCode, status.output).toBe(0);
    expect(status.output).toBe(" M README.md\n?? notes.txt\n");
    const files = await run("git ls-files");
    expect(files.output).toBe("README.md\nsrc/a.js\nsrc/b.js\n");
    const diff = await run("git diff --stat");
    expect(diff.output).toContain("README.md | 2 +-");
    const log = await run("git log --format=%s");
    expect(log.output).toBe("Add b\nInitial commit\n");
    const head = await run("git rev-parse HEAD");
    expect(head.output.trim()).toBe(first.headSha);
    const described = await run("git describe");
    expect(described.output.trim()).toMatch(/^v1\.0\.0-1-g[0-9a-f]+$/);
    const tag = await run("git rev-parse v1.0.0^{commit}");
    expect(tag.output.trim()).toBe(tagged);
  });

  it("runs them in a preview's copy of the workspace too", async () => {
    const result = await run("git status --porcelain && git rev-parse HEAD && git describe", copy);
    expect(result.exitCode, result.output).toBe(0);
    expect(result.output).toMatch(
      new RegExp(`^ M README\\.md\n\\?\\? notes\\.txt\n${first.headSha}\nv1\\.0\\.0-1-g[0-9a-f]+\n$`),
    );
  });
});

describe.runIf(bwrapProbe.ok)("git in the bwrap sandbox cannot write", () => {
  const driver = createBwrapDriver();
  const run = (command: string, cwd = first.path) => driver.run({ command, cwd, timeoutMs: 20_000 });

  it("cannot commit: the index, objects and refs are read-only", async () => {
    const before = await runGit(mirror, ["rev-parse", `refs/heads/${first.branch}`], { env: { GIT_DIR: mirror } });
    const result = await run("git add -A && git -c user.name=x -c user.email=x@y commit -qm sneaky");
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toMatch(/index\.lock|Read-only file system|insufficient permission/);
    expect(await runGit(mirror, ["rev-parse", `refs/heads/${first.branch}`], { env: { GIT_DIR: mirror } })).toBe(
      before,
    );
  });

  it("cannot push: the repository is not there and the mirror is read-only", async () => {
    const toOrigin = await run("git push origin HEAD:refs/heads/from-sandbox");
    expect(toOrigin.exitCode).not.toBe(0);
    const toMirror = await run(`git push ${mirror} HEAD:refs/heads/from-sandbox`);
    expect(toMirror.exitCode).not.toBe(0);
    await expect(runGit(repo, ["rev-parse", "--verify", "--quiet", "refs/heads/from-sandbox"])).rejects.toThrow();
    await expect(
      runGit(mirror, ["rev-parse", "--verify", "--quiet", "refs/heads/from-sandbox"], { env: { GIT_DIR: mirror } }),
    ).rejects.toThrow();
  });

  it("cannot write into the mirror or see other runs' workspaces", async () => {
    const result = await run(
      [
        `touch ${mirror}/objects/x`,
        `touch ${mirror}/refs/heads/x`,
        `touch ${mirror}/config`,
        `touch ${mirror}/worktrees/${path.basename(first.path)}/x`,
        `touch ${other.path}/x`,
        `ls ${other.path}`,
      ].join("; "),
    );
    expect(result.output.match(/Read-only file system/g)?.length).toBe(4);
    expect(result.output).toContain(`touch: cannot touch '${other.path}/x': No such file or directory`);
    expect(result.output).toContain(`ls: cannot access '${other.path}': No such file or directory`);
    // Only this run's git dir is there, not the other runs' (their HEADs and indexes).
    expect((await run(`ls ${mirror}/worktrees`)).output).toBe(`${path.basename(first.path)}\n`);
    await expect(fs.stat(path.join(other.path, "x"))).rejects.toThrow();
    await expect(fs.stat(path.join(mirror, "objects", "x"))).rejects.toThrow();
  });

  it("does not follow a rewritten .git to another run's git dir", async () => {
    const dotGit = path.join(first.path, ".git");
    const original = await fs.readFile(dotGit, "utf8");
    const otherAdmin = path.join(mirror, "worktrees", path.basename(other.path));
    try {
      await fs.writeFile(dotGit, `gitdir: ${otherAdmin}\n`);
      const result = await run(`git status; cat ${otherAdmin}/HEAD`);
      expect(result.output).toContain("not a git repository");
      expect(result.output).toContain(`cat: ${otherAdmin}/HEAD: No such file or directory`);
      // Nor to a directory made up inside the workspace.
      await fs.mkdir(path.join(first.path, "fake"), { recursive: true });
      await fs.writeFile(path.join(first.path, "fake", "gitdir"), `${dotGit}\n`);
      await fs.writeFile(path.join(first.path, "fake", "commondir"), "/etc\n");
      await fs.writeFile(dotGit, `gitdir: ${path.join(first.path, "fake")}\n`);
      expect((await run("ls /etc/config /etc/objects 2>&1 | head -2")).output).toContain("No such file or directory");
    } finally {
      await fs.writeFile(dotGit, original);
      await fs.rm(path.join(first.path, "fake"), { recursive: true, force: true });
    }
    expect((await run("git rev-parse HEAD")).output.trim()).toBe(first.headSha);
  });
});
