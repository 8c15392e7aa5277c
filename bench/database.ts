import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { getPinnedProjects } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import { projects } from "@/db/schema";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { figure, percentile } from "./lib/figures";

// The embedded database's costs that start-up and the dashboard pay: creating and
// migrating a new data dir, reopening it, and the dashboard's project query at 1,000
// projects. Uses DATABASE_URL's Postgres instead when it is set.
export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-db-"));
  const url = process.env.DATABASE_URL;
  const open = () => (url ? openDatabase({ url }) : openDatabase({ dataDir: dir }));
  try {
    let started = performance.now();
    let handle = open();
    await migrateDatabase(handle);
    figure("new_database_ready_ms", performance.now() - started, "ms");

    const team = await createTeam({ db: handle.db, name: "Bench", slug: `bench-${Date.now()}` });
    const settings = defaultProjectSettings();
    const rows = Array.from({ length: 1000 }, (_, i) => ({
      teamId: team.id,
      provider: "local" as const,
      repository: `/repos/project-${i}`,
      name: `project-${i}`,
      settings,
    }));
    for (let i = 0; i < rows.length; i += 250) await handle.db.insert(projects).values(rows.slice(i, i + 250));

    await handle.close();
    started = performance.now();
    handle = open();
    await getPinnedProjects({ db: handle.db, teamId: team.id });
    figure("reopen_ms", performance.now() - started, "ms");

    const samples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      await getPinnedProjects({ db: handle.db, teamId: team.id });
      samples.push(performance.now() - t);
    }
    figure("pinned_projects_1000_p50_ms", percentile(samples, 50), "ms");
    figure("pinned_projects_1000_p95_ms", percentile(samples, 95), "ms");
    await handle.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
