import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import { type Project, codeFiles } from "@/db/schema";
import { createLocalGitProvider } from "@/lib/git-provider/local";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { runGit } from "@/lib/workspaces/run-git";
import { packageRepository } from "@/testing/code-index/package-repository";
import { createTestDatabase } from "@/testing/database";
import { closeAnalyzePool } from "./analyze-pool";
import { findSymbol } from "./find-symbol";
import { searchCode } from "./search-code";
import { syncCodeIndex } from "./sync-code-index";

// The index on real code: three.js 0.170.0's sources (678 JavaScript files) from the npm
// registry's tarball, committed to a local repository and synced as a pinned project is.

let handle: DatabaseHandle;
let repo: string;
let project: Project;
let gitProvider: ReturnType<typeof createLocalGitProvider>;

beforeAll(async () => {
  handle = await createTestDatabase();
  repo = await packageRepository({ name: "three", version: "0.170.0", include: ["src", "package.json", "README.md"] });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-code-index-"));
  gitProvider = createLocalGitProvider({ db: handle.db, dataDir });
  const team = await createTeam({ db: handle.db, name: "Team", slug: `t-${Date.now().toString(36)}` });
  project = await createProject({
    db: handle.db,
    values: { teamId: team.id, provider: "local", repository: repo, name: "three", settings: defaultProjectSettings() },
  });
}, 180_000);

afterAll(async () => {
  await closeAnalyzePool();
  await handle?.close();
});

describe("indexing three.js from its registry tarball", () => {
  let firstCommit: string;

  it("indexes every source file with its symbols at their lines", async () => {
    const outcome = await syncCodeIndex({ db: handle.db, project, gitProvider, embedding: null });
    expect(outcome.plan.status).toBe("planned");
    expect(outcome.indexed).toBe(681);
    expect(outcome.index).toMatchObject({ state: "ready", fileCount: 681 });
    expect(outcome.index!.symbolCount).toBeGreaterThan(5000);
    firstCommit = outcome.index!.commitSha!;

    const db = handle.db;
    const [vector3] = await findSymbol({ db, project, name: "Vector3", kind: "class" });
    expect(vector3).toMatchObject({ path: "src/math/Vector3.js", startLine: 4, kind: "class", exported: true });
    expect(vector3!.endLine).toBeGreaterThan(700);
    expect(await findSymbol({ db, project, name: "applyMatrix4", limit: 50 })).toContainEqual(
      expect.objectContaining({ path: "src/math/Vector3.js", startLine: 237, kind: "method", container: "Vector3" }),
    );
    expect(await findSymbol({ db, project, name: "lookAt", limit: 50 })).toContainEqual(
      expect.objectContaining({ path: "src/core/Object3D.js", startLine: 271, container: "Object3D" }),
    );
    expect((await findSymbol({ db, project, name: "clamp" }))[0]).toMatchObject({
      path: "src/math/MathUtils.js",
      startLine: 26,
      kind: "function",
    });
  });

  it("ranks the symbol a search names first, with a snippet at its line", async () => {
    const result = await searchCode({ db: handle.db, project, query: "applyMatrix4", embedding: null });
    expect(result.mode).toBe("lexical");
    expect(result.index).toMatchObject({ ref: "main", commitSha: firstCommit });
    const top = result.hits.slice(0, 5);
    expect(top.some((hit) => hit.symbol?.name === "applyMatrix4" && hit.kind === "symbol")).toBe(true);
    const vector = result.hits.find((hit) => hit.path === "src/math/Vector3.js" && hit.symbol?.name === "applyMatrix4");
    expect(vector).toMatchObject({ startLine: 237 });
    expect(vector!.snippet!.lines.join("\n")).toContain("applyMatrix4( m ) {");

    const words = await searchCode({ db: handle.db, project, query: "cross product", embedding: null });
    expect(words.hits.slice(0, 10).some((hit) => hit.symbol?.name === "cross")).toBe(true);

    const files = await searchCode({ db: handle.db, project, query: "math/Quaternion", kind: "file", embedding: null });
    expect(files.hits[0]).toMatchObject({ kind: "file", path: "src/math/Quaternion.js" });
  });

  it("re-indexes only the files a commit changed", async () => {
    const idsBefore = new Map(
      (await handle.db.select({ id: codeFiles.id, path: codeFiles.path }).from(codeFiles)).map((row) => [
        row.path,
        row.id,
      ]),
    );
    const vector3 = path.join(repo, "src/math/Vector3.js");
    const source = fs.readFileSync(vector3, "utf8");
    fs.writeFileSync(
      vector3,
      source.replace(
        "\tsetScalar( scalar ) {",
        "\thalve() {\n\n\t\treturn this.multiplyScalar( 0.5 );\n\n\t}\n\n\tsetScalar( scalar ) {",
      ),
    );
    fs.appendFileSync(path.join(repo, "src/math/MathUtils.js"), "\nexport function twice( x ) {\n\treturn 2 * x;\n}\n");
    fs.writeFileSync(
      path.join(repo, "src/math/Halves.js"),
      "export class Halves {\n\tsplit( v ) {\n\t\treturn v / 2;\n\t}\n}\n",
    );
    await runGit(repo, ["add", "--all"]);
    await runGit(repo, ["commit", "--quiet", "-m", "Change three files"]);

    const outcome = await syncCodeIndex({ db: handle.db, project, gitProvider, embedding: null });
    expect(outcome.plan).toMatchObject({ status: "planned", pending: 3, removed: 0 });
    expect(outcome.indexed).toBe(3);
    expect(outcome.index).toMatchObject({ state: "ready", fileCount: 682 });
    expect(outcome.index!.commitSha).not.toBe(firstCommit);

    const idsAfter = new Map(
      (await handle.db.select({ id: codeFiles.id, path: codeFiles.path }).from(codeFiles)).map((row) => [
        row.path,
        row.id,
      ]),
    );
    const rewritten = [...idsAfter].filter(([file, id]) => idsBefore.get(file) !== id).map(([file]) => file);
    expect(rewritten.sort()).toEqual(["src/math/Halves.js", "src/math/MathUtils.js", "src/math/Vector3.js"]);

    const db = handle.db;
    expect((await findSymbol({ db, project, name: "halve" }))[0]).toMatchObject({
      path: "src/math/Vector3.js",
      startLine: 28,
    });
    expect(
      (await findSymbol({ db, project, name: "applyMatrix4", limit: 50 })).find(
        (s) => s.path === "src/math/Vector3.js",
      ),
    ).toMatchObject({ startLine: 243 });
    expect((await findSymbol({ db, project, name: "Halves" }))[0]).toMatchObject({
      path: "src/math/Halves.js",
      startLine: 1,
    });

    const again = await syncCodeIndex({ db: handle.db, project, gitProvider, embedding: null });
    expect(again.plan).toMatchObject({ pending: 0, removed: 0 });
  });
});
