import { AppError } from "@/lib/platform/errors";

export type GitHubRemote = {
  owner: string;
  repo: string;
  /** The repository's git URL, with no credentials in it. */
  cloneUrl: string;
  /** Scheme, host and port of the git server: the auth header is scoped to it. */
  origin: string;
  /** Stands in for a path on disk: mirrors and workspaces are named after it. */
  mirrorKey: string;
};

const namePart = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * Where a GitHub project's repository lives, from "owner/name" and the REST root:
 * api.github.com serves github.com; GitHub Enterprise Server (and the test emulator) serve
 * git from the same host as https://HOST/api/v3.
 */
export function githubRemote(apiUrl: string, repository: string): GitHubRemote {
  const [owner, repo, ...rest] = repository.split("/");
  if (
    !owner ||
    !repo ||
    rest.length > 0 ||
    !namePart.test(owner) ||
    !namePart.test(repo) ||
    owner.startsWith(".") ||
    repo.startsWith(".")
  ) {
    throw new AppError("bad_request:repository", `"${repository}" is not a GitHub repository name (owner/name)`);
  }
  const api = new URL(apiUrl);
  const web =
    api.hostname === "api.github.com"
      ? new URL("https://github.com")
      : new URL(api.origin + api.pathname.replace(/\/api\/v3\/?$/, ""));
  const root = web.href.replace(/\/+$/, "");
  return {
    owner,
    repo,
    cloneUrl: `${root}/${owner}/${repo}.git`,
    origin: web.origin,
    mirrorKey: `/github/${web.host}/${owner}/${repo}`,
  };
}

/**
 * Variables that make git send the installation token to `origin` only, through git's
 * environment config (GIT_CONFIG_COUNT): nothing in argv, the remote URL or any config file.
 */
export function gitAuthEnv(origin: string, token: string): Record<string, string> {
  const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
  return {
    GIT_CONFIG_COUNT: "2",
    GIT_CONFIG_KEY_0: `http.${origin}/.extraHeader`,
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    // No helper may store or offer credentials of its own.
    GIT_CONFIG_KEY_1: "credential.helper",
    GIT_CONFIG_VALUE_1: "",
  };
}
