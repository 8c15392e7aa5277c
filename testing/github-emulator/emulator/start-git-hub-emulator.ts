import { generateKeyPairSync, createPrivateKey, createPublicKey } from "node:crypto";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AppInfo } from "./context";
import { GitHubEmulator } from "./git-hub-emulator";
import { emulatorRoutes, graphqlHandler, wireEmulator } from "./routes";

export type GitHubEmulatorOptions = {
  appId?: number;
  appSlug?: string;
  /** PEM (PKCS#1 or PKCS#8); a fresh 2048-bit key when omitted. */
  privateKey?: string;
  /** Installation token lifetime; GitHub's is one hour. */
  tokenTtlSeconds?: number;
  webhook?: { url: string; secret: string };
};

/** Starts a stateful GitHub API emulator on 127.0.0.1 (ephemeral port); close() removes its repos. */
export async function startGitHubEmulator(options: GitHubEmulatorOptions = {}): Promise<GitHubEmulator> {
  const privateKeyPem =
    options.privateKey ??
    generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const privateKey = createPrivateKey(privateKeyPem);
  const app: AppInfo = {
    id: options.appId ?? 424242,
    slug: options.appSlug ?? "mergeline-emulated",
    owner: { login: "mergeline", id: 1, type: "Organization" },
    createdAt: "2026-01-01T00:00:00Z",
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString(),
  };
  const gitRoot = await mkdtemp(path.join(tmpdir(), "gh-emulator-"));
  const emulator = new GitHubEmulator(app, gitRoot, options.tokenTtlSeconds ?? 3600, options.webhook, {
    rest: emulatorRoutes,
    graphql: graphqlHandler,
  });
  wireEmulator(emulator);
  await emulator.listen();
  return emulator;
}
