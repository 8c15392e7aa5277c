import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createGitHubGitProvider } from "@/lib/git-provider/github/create-github-git-provider";
import { createLocalGitProvider } from "@/lib/git-provider/local/create-local-git-provider";
import { createTestDatabase } from "@/testing/database";
import { type GitHubEmulator, startGitHubEmulator } from "@/testing/github-emulator";
import { emulatedGitHubApp } from "@/testing/github-project";
import { makeTempDir } from "@/testing/local-project";

/**
 * What a test of one git provider operation on both providers needs: a real test database,
 * the GitHub emulator and a temporary folder for local repositories, opened before the
 * file's tests and closed after them, and each provider made over them.
 */
export function gitProviderSetup() {
  let handle: DatabaseHandle | undefined;
  let gh: GitHubEmulator | undefined;
  let root: string | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    gh = await startGitHubEmulator();
    root = await makeTempDir();
  }, 180_000);
  afterAll(async () => {
    await gh?.close();
    await handle?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });
  const opened = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("gitProviderSetup: used before its beforeAll ran");
    return value;
  };
  return {
    get handle() {
      return opened(handle);
    },
    get gh() {
      return opened(gh);
    },
    get root() {
      return opened(root);
    },
    /** The local provider, its data under the temporary folder. */
    localProvider: () => createLocalGitProvider({ db: opened(handle).db, dataDir: path.join(opened(root), "data") }),
    /** The GitHub provider through the emulator's App, with a data dir of its own under the temporary folder. */
    githubProvider: async () =>
      createGitHubGitProvider({
        db: opened(handle).db,
        gh: emulatedGitHubApp(opened(gh)),
        dataDir: await fs.mkdtemp(path.join(opened(root), "github-data-")),
      }),
  };
}
