import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

/** A real git repository on disk (one commit on main) for a spec to pin; named `prefix-<random>`. */
export function makeFixtureRepository(prefix: string): { path: string; name: string } {
  const name = `${prefix}-${Math.random().toString(36).slice(2, 8)}`;
  const dir = path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-e2e-repo-"))), name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "README.md"), `# ${name}\n`);
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=e2e", "-c", "user.email=e2e@mergeline.local", ...args], {
      cwd: dir,
      stdio: "ignore",
    });
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git("commit", "--quiet", "-m", "Initial commit");
  return { path: dir, name };
}

/** Pins a fixture repository through the REST API with the browser's session; returns the project id. */
export async function pinFixtureRepository(
  request: APIRequestContext,
  prefix: string,
): Promise<{ id: string; name: string; path: string }> {
  const repository = makeFixtureRepository(prefix);
  const response = await request.post("/api/v1/projects", { data: { provider: "local", repository: repository.path } });
  if (response.status() !== 201)
    throw new Error(`pinning ${repository.path} answered ${response.status()}: ${await response.text()}`);
  const project = (await response.json()) as { id: string };
  return { id: project.id, ...repository };
}
