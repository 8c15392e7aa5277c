import type { Database } from "@/db/client";
import { getDb } from "@/db";
import type { Project } from "@/db/schema";
import type { GitHubApp } from "@/lib/git-provider/github/app";
import { getGitHubApp } from "@/lib/git-provider/github/app-from-env";
import { createGitHubGitProvider } from "./github";
import { createLocalGitProvider } from "./local";
import type { GitProvider } from "./types";

export type * from "./types";

/**
 * The git provider of a project. `db` and `dataDir` default to the process's database and
 * MERGELINE_DATA_DIR, `github` to the App configured by GITHUB_APP_* (an AppError
 * `unavailable:github_app` when it is not); tests and scripts pass their own.
 */
export function getGitProvider(
  project: Project,
  options: { db?: Database; dataDir?: string; github?: GitHubApp } = {},
): GitProvider {
  switch (project.provider) {
    case "local":
      return createLocalGitProvider({ db: options.db ?? getDb(), dataDir: options.dataDir });
    case "github":
      return createGitHubGitProvider({
        db: options.db ?? getDb(),
        dataDir: options.dataDir,
        gh: options.github ?? getGitHubApp(),
      });
  }
}
