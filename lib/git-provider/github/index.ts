export { createGitHubGitProvider } from "./create-github-git-provider";
export { githubRemote, gitAuthEnv } from "./github-remote";
