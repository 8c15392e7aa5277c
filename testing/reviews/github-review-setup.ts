import type { ProjectSettings } from "@/db/schema";
import { type GitHubAppSetup, startGitHubAppSetup } from "@/testing/pipeline/github-app-setup";
import { baseFiles, FINDING_LINES } from "@/testing/reviews/review-fixture";

// What the GitHub review tests share: the GitHub App setup (testing/pipeline/github-app-setup.ts)
// with a scripted reviewer, and `acme/shop` holding the review fixture's files.

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

export type GitHubReviewSetup = Omit<GitHubAppSetup, "installProject"> & {
  /** `acme/shop` created with the fixture's files, installed, and pinned with these settings. */
  installProject: (settings?: Partial<ProjectSettings>) => ReturnType<GitHubAppSetup["installProject"]>;
};

export async function startGitHubReviewSetup({
  secret,
  env = {},
}: {
  secret: string;
  /** More of the app's variables (e.g. MERGELINE_ADVISORY_DB), set before it loads. */
  env?: Record<string, string>;
}): Promise<GitHubReviewSetup> {
  const setup = await startGitHubAppSetup({
    secret,
    env,
    script: { name: "reviewer", review: [[{ object: { findings: [scriptedFinding] } }]] },
  });
  return {
    ...setup,
    installProject: (settings = {}) => setup.installProject({ repo: reviewRepo, files: baseFiles(), settings }),
  };
}
