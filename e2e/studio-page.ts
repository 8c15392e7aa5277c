import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, type FrameLocator, type Locator, type Page } from "@playwright/test";

// The studio page as a person uses it, and the fixture Vite + React library to use it on.

const fixture = path.resolve(import.meta.dirname, "../testing/studio/fixtures/vite-components");

/** Pins a fresh copy of the fixture library with its setup and dev command; returns the project id. */
export async function pinViteComponents(page: Page): Promise<string> {
  const repository = path.join(
    process.env.MERGELINE_E2E_DATA_DIR!,
    "e2e-repos",
    `vite-${randomBytes(4).toString("hex")}`,
  );
  fs.mkdirSync(path.dirname(repository), { recursive: true });
  fs.cpSync(fixture, repository, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=e2e", "-c", "user.email=e2e@mergeline.local", ...args], {
      cwd: repository,
      stdio: "ignore",
    });
  git("init", "--quiet", "--initial-branch=main");
  git("add", "--all");
  git("commit", "--quiet", "-m", "Initial commit of the components");
  const created = await page.request.post("/api/v1/projects", { data: { provider: "local", repository } });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const patched = await page.request.patch(`/api/v1/projects/${id}`, {
    data: {
      settings: {
        setupCommands: ["npm ci --no-audit --no-fund --loglevel=error"],
        testCommands: ["npm test"],
        devCommand: "npm run dev -- --port $PORT --host 127.0.0.1",
        autoMerge: "auto-when-green",
      },
    },
  });
  expect(patched.ok(), await patched.text()).toBe(true);
  return id;
}

export class StudioPage {
  readonly status: Locator;
  readonly frame: FrameLocator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByTestId("studio-status");
    this.frame = page.frameLocator('[data-testid="studio-frame"]');
    this.history = page.getByTestId("studio-commit");
  }

  sessionId(): string {
    return new URL(this.page.url()).pathname.split("/").at(-1)!;
  }

  async write(filePath: string, content: string, description: string): Promise<string> {
    const response = await this.page.request.post(`/api/v1/studio-sessions/${this.sessionId()}/execute`, {
      data: { command: "write_file", filePath, content, description },
    });
    expect(response.ok(), await response.text()).toBe(true);
    return ((await response.json()) as { commitHash: string }).commitHash;
  }
}
