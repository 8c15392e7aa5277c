import type { Database } from "@/db/client";
import type { Project } from "@/db/schema";
import { getGitProvider, type GitProvider } from "@/lib/git-provider";

/** What trigger handlers need: the database and a way to reach a project's git host (tests pass the emulator's). */
export type TriggerContext = { db: Database; provider: (project: Project) => GitProvider };

export const defaultTriggerContext = (db: Database): TriggerContext => ({
  db,
  provider: (project) => getGitProvider(project, { db }),
});
