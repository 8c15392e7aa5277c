import path from "node:path";

// The first admin the e2e product is started with (MERGELINE_ADMIN_EMAIL / _PASSWORD in
// playwright.config.ts), and where the signed-in browser state is kept between projects.
export const admin = { email: "e2e-admin@mergeline.local", password: "e2e correct horse battery staple" };

/** Inside the run's temporary data dir, so no session file lands in the repository. */
export function adminStorageState(dataDir: string): string {
  return path.join(dataDir, "e2e-admin-storage-state.json");
}
