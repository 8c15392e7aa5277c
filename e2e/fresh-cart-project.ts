import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

// A project of its own for a spec: a fresh copy of the demo cart repository, pinned through
// the REST API with the demo project's settings (scripted model, npm test). Runs on it do
// not depend on what other specs merged into the demo project.

const template = path.resolve(import.meta.dirname, "../lib/demo/template");

/** Extra files for the repository's first commit, by path (a failing test, say). */
export type ExtraFiles = Record<string, string>;

function makeRepository(files: ExtraFiles = {}): string {
  const repository = path.join(
    process.env.MERGELINE_E2E_DATA_DIR!,
    "e2e-repos",
    `cart-${randomBytes(4).toString("hex")}`,
  );
  fs.mkdirSync(path.dirname(repository), { recursive: true });
  fs.cpSync(template, repository, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repository, file)), { recursive: true });
    fs.writeFileSync(path.join(repository, file), content);
  }
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=e2e", "-c", "user.email=e2e@mergeline.local", ...args], {
      cwd: repository,
      stdio: "ignore",
    });
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git("commit", "--quiet", "-m", "Initial commit of the cart");
  return repository;
}

/**
 * Pins a fresh cart repository (signed in as an admin) and returns the project's id;
 * `files` are added to its first commit, `settings` to the project's settings.
 */
export async function pinFreshCartProject(
  page: Page,
  { files, settings }: { files?: ExtraFiles; settings?: Record<string, unknown> } = {},
): Promise<string> {
  const created = await page.request.post("/api/v1/projects", {
    data: { provider: "local", repository: makeRepository(files) },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const patched = await page.request.patch(`/api/v1/projects/${id}`, {
    data: { settings: { testCommands: ["npm test"], model: "scripted", ...settings } },
  });
  expect(patched.ok(), await patched.text()).toBe(true);
  return id;
}

/** Starts a run on the project through the REST API and returns its id. */
export async function startRun(page: Page, projectId: string, goal: string, autoConfirm = false): Promise<string> {
  const created = await page.request.post(`/api/v1/projects/${projectId}/runs`, { data: { goal, autoConfirm } });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

/** Waits, through the REST API, until the run is in one of `states`, and returns that state. */
export async function waitForRunState(page: Page, runId: string, states: string[], timeout = 150_000): Promise<string> {
  let state = "";
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/api/v1/runs/${runId}`);
        state = ((await response.json()) as { state: string }).state;
        return states.includes(state);
      },
      { timeout, intervals: [1000] },
    )
    .toBe(true);
  return state;
}
