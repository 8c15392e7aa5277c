import type { ProjectSettings } from "@/db/schema";
import { type GitHubEmulator, startGitHubEmulator } from "@/testing/github-emulator";
import { type PipelineHarness, startPipelineHarness } from "@/testing/pipeline/pipeline-harness";
import { baseFiles, FINDING_LINES } from "@/testing/reviews/review-fixture";
import { type RouteHandler, serveRoute } from "@/testing/webhooks/serve-route";

// What the GitHub review tests share: the emulator sending signed webhooks to the real route,
// the app configured as that GitHub App, every Inngest function on the embedded engine with a
// scripted reviewer, and `acme/shop` installed and pinned as a project.

/** The scripted AI reviewer's one finding, on a line the fixture's diff shows. */
export const scriptedFinding = {
  path: FINDING_LINES.complexity.path,
  line: 12,
  severity: "high",
  title: "A negative total is turned into 0",
  message: "A refund larger than the cart is hidden by returning 0.",
  suggestion: "Return the negative total, or refuse the coupon.",
};

export const reviewRepo = "acme/shop";

export type GitHubReviewSetup = {
  gh: GitHubEmulator;
  harness: PipelineHarness;
  poll: <T>(probe: () => Promise<T | undefined>, what: string, timeoutMs?: number) => Promise<T>;
  /** `acme/shop` created with the fixture's files, installed, and pinned with these settings. */
  installProject: (settings?: Partial<ProjectSettings>) => Promise<{
    project: Awaited<ReturnType<typeof import("@/db/queries/projects").createProject>>;
    githubInstallationId: number;
  }>;
  close: () => Promise<void>;
};

export async function startGitHubReviewSetup({
  secret,
  env = {},
}: {
  secret: string;
  /** More of the app's variables (e.g. MERGELINE_ADVISORY_DB), set before it loads. */
  env?: Record<string, string>;
}): Promise<GitHubReviewSetup> {
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
  const harness = await startPipelineHarness({
    script: { name: "reviewer", review: [[{ object: { findings: [scriptedFinding] } }]] },
  });
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

  const installProject: GitHubReviewSetup["installProject"] = async (settings = {}) => {
    const { createProject } = await import("@/db/queries/projects");
    const { defaultProjectSettings } = await import("@/lib/projects/settings");
    const { installations } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const { db } = harness;
    await gh.createRepository({ owner: "acme", name: "shop", files: baseFiles() });
    gh.setPermission({ repo: reviewRepo, user: "ana", permission: "write" });
    const { id: githubInstallationId } = gh.createInstallation({
      account: { login: "acme", type: "Organization" },
      repositories: [reviewRepo],
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
        repository: reviewRepo,
        name: "shop",
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
