import path from "node:path";
import type { Database } from "@/db/client";
import { createProject } from "@/db/queries/projects";
import { createTeam, getFirstTeam } from "@/db/queries/teams";
import type { Project } from "@/db/schema";
import { createDemoRepository } from "@/lib/demo/create-demo-repository";
import { defaultProjectSettings } from "@/lib/projects/settings";

export const DEMO_PROJECT_NAME = "demo-cart";

/**
 * On the first start (no team exists yet) creates the default team and the demo project:
 * a real git repository in the data dir, pinned to the dashboard. Later starts change
 * nothing, so a person who unpins or deletes the demo does not get it back.
 */
export async function ensureDemoProject({ db, dataDir }: { db: Database; dataDir: string }): Promise<Project | null> {
  if (await getFirstTeam({ db })) return null;
  const repositoryPath = path.join(dataDir, "repos", DEMO_PROJECT_NAME);
  await createDemoRepository(repositoryPath);
  return db.transaction(async (tx) => {
    const team = await createTeam({ db: tx, name: "Default team", slug: "default" });
    return createProject({
      db: tx,
      values: {
        teamId: team.id,
        provider: "local",
        repository: repositoryPath,
        name: DEMO_PROJECT_NAME,
        defaultBranch: "main",
        pinned: true,
        settings: defaultProjectSettings({
          testCommands: ["npm test"],
          previewCommand: "npm start",
          previewPages: ["/"],
          model: "scripted",
        }),
      },
    });
  });
}
