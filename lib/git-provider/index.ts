import type { Database } from "@/db/client";
import { getDb } from "@/db";
import type { Project } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createLocalGitProvider } from "./local";
import type { GitProvider } from "./types";

export type * from "./types";

/**
 * The git provider of a project. `db` and `dataDir` default to the process's database and
 * MERGELINE_DATA_DIR; tests and scripts pass their own.
 */
export function getGitProvider(project: Project, options: { db?: Database; dataDir?: string } = {}): GitProvider {
  switch (project.provider) {
    case "local":
      return createLocalGitProvider({ db: options.db ?? getDb(), dataDir: options.dataDir });
    case "github":
      throw new AppError("unavailable:git_provider", "The GitHub provider is not configured yet");
  }
}
