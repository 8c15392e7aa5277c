import fs from "node:fs";
import path from "node:path";
import type { ProjectSettings } from "@/db/schema";
import { type GitHubEmulator, startGitHubEmulator } from "@/testing/github-emulator";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";
import { type RouteHandler, serveRoute } from "@/testing/webhooks/serve-route";

// What the tests of a GitHub project share: the emulator sending signed webhooks to the real
// route (POST /api/github/webhooks, served before its module loads, since the App's settings
// are read then), the app configured as that GitHub App, every Inngest function on the
// embedded engine with a scripted model, and a repository installed and pinned as a project.

const demoTemplate = path.resolve(import.meta.dirname, "../../lib/demo/template");

/** The demo project's files (lib/demo/template), path -> content. */
export function demoTemplateFiles(): Record<string, string> {
  return Object.fromEntries(
    (fs.readdirSync(demoTemplate, { recursive: true, withFileTypes: true }) as fs.Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const full = path.join(entry.parentPath, entry.name);
        return [path.relative(demoTemplate, full), fs.readFileSync(full, "utf8")];
      }),
  );
}

type Project = Awaited<ReturnType<typeof import("@/db/queries/projects").createProject>>;

export type GitHubAppSetup = {
  gh: GitHubEmulator;
  harness: PipelineHarness;
  poll: <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs?: number) => Promise<T>;
  /**
   * `owner/name` created with `files`, writable by `ana`, the App installed on it (the
   * installation webhook applied), and pinned as a project with the scripted model and `settings`.
   */
  installProject: (input: {
    repo: string;
    files: Record<string, string>;
    settings?: Partial<ProjectSettings>;
  }) => Promise<{ project: Project; githubInstallationId: number }>;
  close: () => Promise<void>;
};

export async function startGitHubAppSetup({
  secret,
  script,
  env = {},
}: {
  secret: string;
  /** The scripted model's script (testing/pipeline/pipeline-harness.ts). */
  script: object;
  /** More of the app's variables (e.g. MERGELINE_ADVISORY_DB), set before it loads. */
  env?: Record<string, string>;
}): Promise<GitHubAppSetup> {
  let post: RouteHandler | undefined;
  const route = await serveRoute(() => {
    if (!post) throw new Error("route not loaded yet");
    return post;
  });
  const gh = await startGitHubEmulator({ webhook: { url: `${route.url}/api/github/webhooks`, secret } });
  Object.assign(process.env, {
    GITHUB_APP_ID: String(gh.appId),
    GITHUB_APP_PRIVATE_KEY: gh.privateKey,
    GITHUB_WEBHOOK_SECRET: secret,
    GITHUB_API_URL: gh.apiUrl,
    GITHUB_WRITE_INTERVAL_MS: "10",
    ...env,
  });
  const harness = await startPipelineHarness({ script });
  ({ POST: post } = await import("@/app/api/github/webhooks/route"));

  const poll = async <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 90_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}\n${harness.engineLog.join("").slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  const installProject: GitHubAppSetup["installProject"] = async ({ repo, files, settings = {} }) => {
    const { createProject } = await import("@/db/queries/projects");
    const { defaultProjectSettings } = await import("@/lib/projects/settings");
    const { installations } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const { db } = harness;
    const [owner, name] = repo.split("/") as [string, string];
    await gh.createRepository({ owner, name, files });
    gh.setPermission({ repo, user: "ana", permission: "write" });
    const { id: githubInstallationId } = gh.createInstallation({
      account: { login: owner, type: "Organization" },
      repositories: [repo],
    });
    const installation = await poll(
      async () =>
        (await db.select().from(installations).where(eq(installations.githubInstallationId, githubInstallationId)))[0],
      "the installation webhook",
    );
    const project = await createProject({
      db,
      values: {
        teamId: installation.teamId,
        provider: "github",
        repository: repo,
        name,
        installationId: installation.id,
        settings: { ...defaultProjectSettings({ model: "scripted" }), ...settings },
      },
    });
    return { project, githubInstallationId };
  };

  return {
    gh,
    harness,
    poll,
    installProject,
    close: async () => {
      await harness.close();
      await gh.close();
      await route.close();
    },
  };
}
