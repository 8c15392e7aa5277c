import { App } from "@octokit/app";
import { Octokit } from "@octokit/core";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import { restEndpointMethods } from "@octokit/plugin-rest-endpoint-methods";
import type { GitHubEmulator } from "./emulator/git-hub-emulator";

/** The Octokit class the product uses (REST methods + pagination), pointed at the emulator. */
export const EmulatorOctokit = Octokit.plugin(restEndpointMethods, paginateRest);

/** A real @octokit/app App authenticated against the emulator's App id and key. */
export function emulatorApp(emulator: GitHubEmulator) {
  return new App({
    appId: emulator.appId,
    privateKey: emulator.privateKey,
    Octokit: EmulatorOctokit.defaults({ baseUrl: emulator.apiUrl }),
  });
}
