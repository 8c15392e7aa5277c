import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runGit } from "@/lib/workspaces/run-git";
import { buildRepositoryOverview } from "./repository-overview";

const dirs: string[] = [];
function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-overview-"));
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("buildRepositoryOverview", () => {
  it("lists a git repository's files without ignored ones, with the README start and scripts", async () => {
    const dir = repo({
      ".gitignore": "dist/\n",
      "README.md": `# Shop\n${"word ".repeat(2000)}`,
      "package.json": JSON.stringify({ scripts: { test: "node --test", start: "node server.js" } }),
      "src/a.js": "",
      "dist/bundle.js": "",
      "node_modules/x/index.js": "",
    });
    await runGit(dir, ["init", "-q"]);
    await runGit(dir, ["add", "README.md"]);
    const overview = await buildRepositoryOverview({ workspacePath: dir, readmeChars: 100 });
    expect(overview.files).toEqual([".gitignore", "README.md", "package.json", "src/a.js"]);
    expect(overview).toMatchObject({
      totalFiles: 4,
      truncated: false,
      packageScripts: { test: "node --test", start: "node server.js" },
    });
    expect(overview.readme).toMatchObject({ path: "README.md", truncated: true });
    expect(overview.readme!.excerpt.startsWith("# Shop")).toBe(true);
    expect(overview.readme!.excerpt.length).toBeLessThanOrEqual(100);
  });

  it("walks a folder that is not a git repository, keeping shallow files when it must cut", async () => {
    const files: Record<string, string> = { "README.txt": "hello", Makefile: "" };
    for (let i = 0; i < 20; i++) files[`deep/nested/dir/file${i}.js`] = "";
    files["node_modules/x.js"] = "";
    const dir = repo(files);
    const overview = await buildRepositoryOverview({ workspacePath: dir, maxFiles: 5 });
    expect(overview).toMatchObject({
      totalFiles: 22,
      truncated: true,
      packageScripts: null,
      readme: { path: "README.txt", excerpt: "hello" },
    });
    expect(overview.files).toHaveLength(5);
    expect(overview.files).toContain("Makefile");
    expect(overview.files).toContain("README.txt");
  });
});
