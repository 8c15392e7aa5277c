import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { Project } from "@/db/schema";

// A studio session on a project that takes its commands from the repository: setup and dev
// from .mergeline.yml on the session's base branch (a plain Node.js server, no install), in
// the real sandbox, with a real repository, database and port; a malformed file fails the
// session with the file's error.

const root = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-studio-config-"));
const repository = path.join(root, "repo");
const settings = {
  maxRestarts: 0,
  idleMs: 60 * 60_000,
  maxSessions: 10,
  readyTimeoutMs: 30_000,
  healthIntervalMs: 500,
  hangChecks: 3,
  probeTimeoutMs: 10_000,
  commitMessage: "AI: {description} - {timestamp}",
};
const SERVER = `import fs from "node:fs";
import http from "node:http";
const setup = fs.existsSync("setup.txt") ? fs.readFileSync("setup.txt", "utf8").trim() : "none";
http.createServer((_, res) => res.end("dev from the repository, setup " + setup)).listen(Number(process.env.PORT), "127.0.0.1");
`;

let handle: DatabaseHandle;
let project: Project;

async function commitOn(branch: string, files: Record<string, string>) {
  const { runGit } = await import("@/lib/workspaces/run-git");
  await runGit(repository, ["checkout", "--quiet", "-B", branch, "main"]);
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(repository, file), text);
  await runGit(repository, ["add", "--all"]);
  await runGit(repository, ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", branch]);
  await runGit(repository, ["checkout", "--quiet", "main"]);
}

async function startSession(baseBranch: string) {
  const { insertStudioSession, getStudioSession } = await import("@/db/queries/studio");
  const { bringUpStudioSession } = await import("./bring-up-studio-session");
  const { studioBranch } = await import("./studio-names");
  const id = crypto.randomUUID();
  await insertStudioSession({
    db: handle.db,
    projectId: project.id,
    values: { id, userId: null, branch: studioBranch(id), baseBranch },
  });
  const outcome = await bringUpStudioSession({ db: handle.db, sessionId: id, settings });
  return { outcome, row: await getStudioSession({ db: handle.db, id }) };
}

beforeAll(async () => {
  process.env.MERGELINE_DATA_DIR = path.join(root, "data");
  process.env.MERGELINE_PREVIEW_PORTS = "4800-4849";
  const { createTestDatabase } = await import("@/testing/database");
  handle = await createTestDatabase();
  const { runGit } = await import("@/lib/workspaces/run-git");
  fs.mkdirSync(repository, { recursive: true });
  fs.writeFileSync(path.join(repository, "server.mjs"), SERVER);
  fs.writeFileSync(
    path.join(repository, ".mergeline.yml"),
    "setup: echo from-the-file > setup.txt\ndev: node server.mjs\ntest: exit 1\n",
  );
  await runGit(repository, ["init", "--quiet", "--initial-branch=main"]);
  await runGit(repository, ["add", "--all"]);
  await runGit(repository, ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "init"]);
  await commitOn("broken", { ".mergeline.yml": "dev: node server.mjs\npages: [nope]\n" });
  await commitOn("no-dev", { ".mergeline.yml": "test: exit 0\n" });
  const { createTeam } = await import("@/db/queries/teams");
  const { createProject } = await import("@/db/queries/projects");
  const { defaultProjectSettings } = await import("@/lib/projects/settings");
  const team = await createTeam({ db: handle.db, name: "Config", slug: `config-${Date.now()}` });
  project = await createProject({
    db: handle.db,
    values: {
      teamId: team.id,
      provider: "local",
      repository,
      name: "repo",
      pinned: true,
      // The project's own commands: the file's win over them.
      settings: defaultProjectSettings({
        setupCommands: ["echo from-the-project > setup.txt"],
        useRepositoryConfig: true,
      }),
    },
  });
}, 120_000);

afterAll(async () => {
  const { studioRegistry } = await import("./studio-registry");
  await Promise.all(studioRegistry.all().map((live) => live.stop("test over")));
  await handle?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe("a studio session with the repository's .mergeline.yml", () => {
  it("runs the file's setup and dev command from the base branch", async () => {
    const { outcome } = await startSession("main");
    expect(outcome).toMatchObject({ status: "running" });
    const page = await fetch(`http://127.0.0.1:${outcome.port}/`);
    expect(await page.text()).toBe("dev from the repository, setup from-the-file");
  }, 60_000);

  it("fails the session with the file's error when the base branch's file is malformed", async () => {
    const { outcome, row } = await startSession("broken");
    expect(outcome.status).toBe("failed");
    expect(row?.status).toBe("failed");
    expect(row?.statusReason).toMatch(/\.mergeline\.yml on broken is malformed: \.mergeline\.yml line 2: pages\.0/);
  }, 60_000);

  it("refuses to open a session when neither the project nor the file has a command", async () => {
    const { createStudioSession } = await import("./create-studio-session");
    const { countLiveStudioSessions } = await import("@/db/queries/studio");
    const before = await countLiveStudioSessions({ db: handle.db });
    await expect(createStudioSession({ db: handle.db, project, baseBranch: "no-dev", settings })).rejects.toThrow(
      /no dev command .*or dev in \.mergeline\.yml/,
    );
    expect(await countLiveStudioSessions({ db: handle.db })).toBe(before);
  });
});
