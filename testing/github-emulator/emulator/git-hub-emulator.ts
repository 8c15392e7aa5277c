import { mkdir } from "node:fs/promises";
import path from "node:path";
import { createBareRepository } from "./create-bare-repository";
import { PersonActions } from "./person-actions";
import { emitInstallation, emitInstallationRepositories } from "./installation-events";
import { branchSha } from "./run-git";
import type { Account, CheckRun, Comment, Installation, Issue, Permission, Repo } from "./state";

export type CreateInstallationOptions = {
  account: { login: string; type?: "User" | "Organization" };
  repositories: string[] | "all";
  suspended?: boolean;
  sender?: string;
};
export type CreateRepositoryOptions = {
  owner: string;
  name: string;
  defaultBranch?: string;
  files?: Record<string, string>;
  private?: boolean;
  autoMergeAllowed?: boolean;
};

function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The emulator plus helpers that act as people (not via the API) and read state for assertions. */
export class GitHubEmulator extends PersonActions {
  get url(): string {
    return this.urls.base;
  }
  get apiUrl(): string {
    return this.urls.api;
  }
  get graphqlUrl(): string {
    return `${this.urls.base}/api/graphql`;
  }
  get appId(): number {
    return this.app.id;
  }
  get appSlug(): string {
    return this.app.slug;
  }
  get privateKey(): string {
    return this.app.privateKeyPem;
  }
  /** The account the App acts as with an installation token (`<slug>[bot]`). */
  get botAccount(): Account {
    return this.state.account(`${this.app.slug}[bot]`, "Bot");
  }

  /** The account installs the App: installation.created (sender: the account, or `options.sender`). */
  createInstallation(options: CreateInstallationOptions): Installation {
    const account = this.state.account(options.account.login, options.account.type ?? "User");
    const installation: Installation = {
      id: this.state.nextId(),
      account,
      repositories: options.repositories,
      suspended: options.suspended ?? false,
      createdAt: now(),
    };
    this.state.installations.set(installation.id, installation);
    emitInstallation(this, installation, "created", this.state.account(options.sender ?? account.login));
    return installation;
  }

  /** installation.suspend / unsuspend; a suspended installation gets no tokens and its tokens stop working. */
  setInstallationSuspended(id: number, suspended: boolean, sender?: string): void {
    const installation = this.state.installations.get(id);
    if (!installation) throw new Error(`emulator: no installation ${id}`);
    installation.suspended = suspended;
    emitInstallation(
      this,
      installation,
      suspended ? "suspend" : "unsuspend",
      this.state.account(sender ?? installation.account.login),
    );
  }

  /** The account uninstalls the App: installation.deleted; its tokens stop working. */
  deleteInstallation(id: number, sender?: string): void {
    const installation = this.state.installations.get(id);
    if (!installation) throw new Error(`emulator: no installation ${id}`);
    emitInstallation(this, installation, "deleted", this.state.account(sender ?? installation.account.login));
    this.state.installations.delete(id);
  }

  /** installation_repositories.added / removed for a "selected" installation. */
  setInstallationRepositories(options: {
    installationId: number;
    add?: string[];
    remove?: string[];
    sender?: string;
  }): void {
    const installation = this.state.installations.get(options.installationId);
    if (!installation || installation.repositories === "all")
      throw new Error("emulator: needs an installation with selected repositories");
    const added = (options.add ?? []).map((name) => this.state.repoOrThrow(name));
    const removed = (options.remove ?? []).map((name) => this.state.repoOrThrow(name));
    installation.repositories = [
      ...installation.repositories.filter((n) => !removed.some((r) => r.fullName.toLowerCase() === n.toLowerCase())),
      ...added.map((r) => r.fullName),
    ];
    const sender = this.state.account(options.sender ?? installation.account.login);
    if (added.length) emitInstallationRepositories(this, installation, added, [], sender);
    if (removed.length) emitInstallationRepositories(this, installation, [], removed, sender);
  }

  async createRepository(
    options: CreateRepositoryOptions,
  ): Promise<{ id: number; fullName: string; cloneUrl: string; headSha: string }> {
    const fullName = `${options.owner}/${options.name}`;
    if (this.state.repo(fullName)) throw new Error(`emulator: repository ${fullName} exists`);
    const owner = this.state.account(options.owner);
    const dir = path.join(this.gitRoot, owner.login, `${options.name}.git`);
    await mkdir(path.dirname(dir), { recursive: true });
    const defaultBranch = options.defaultBranch ?? "main";
    const headSha = await createBareRepository(dir, {
      defaultBranch,
      files: options.files ?? { "README.md": `# ${options.name}\n` },
      author: { name: owner.login, email: `${owner.id}+${owner.login}@users.noreply.github.com` },
    });
    const created = now();
    const repo: Repo = {
      id: this.state.nextId(),
      owner,
      name: options.name,
      fullName,
      private: options.private ?? false,
      defaultBranch,
      dir,
      createdAt: created,
      pushedAt: created,
      autoMergeAllowed: options.autoMergeAllowed ?? true,
      permissions: new Map(),
      labels: [],
      issues: new Map(),
      comments: [],
      nextNumber: 1,
      protections: new Map(),
    };
    this.state.repos.set(fullName.toLowerCase(), repo);
    return { id: repo.id, fullName, cloneUrl: `${this.urls.base}/${fullName}.git`, headSha };
  }

  setPermission(options: { repo: string; user: string; permission: Permission }): void {
    this.state.account(options.user);
    this.state.repoOrThrow(options.repo).permissions.set(options.user.toLowerCase(), options.permission);
  }

  setBranchProtection(
    options:
      | { repo: string; branch: string; requiredChecks: string[] }
      | { repo: string; branch: string; remove: true },
  ): void {
    const repo = this.state.repoOrThrow(options.repo);
    if ("remove" in options) repo.protections.delete(options.branch);
    else repo.protections.set(options.branch, { requiredChecks: [...options.requiredChecks] });
  }

  setAutoMergeAllowed(options: { repo: string; allowed: boolean }): void {
    this.state.repoOrThrow(options.repo).autoMergeAllowed = options.allowed;
  }

  branchHead(repo: string, branch: string): Promise<string | null> {
    return branchSha(this.state.repoOrThrow(repo).dir, branch);
  }

  repoPath(repo: string): string {
    return this.state.repoOrThrow(repo).dir;
  }

  /** Environment for the git CLI that sends the token as a header, so nothing is written to disk. */
  gitAuthEnv(token: string): Record<string, string> {
    return {
      GIT_CONFIG_COUNT: "1",
      GIT_CONFIG_KEY_0: "http.extraHeader",
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`,
      GIT_TERMINAL_PROMPT: "0",
    };
  }

  getIssue(repo: string, number: number): Issue {
    return this.state.issueOrThrow(repo, number);
  }

  listComments(repo: string, number: number): Comment[] {
    return this.state.repoOrThrow(repo).comments.filter((c) => c.number === number);
  }

  getPullRequest(repo: string, number: number): Issue {
    const issue = this.state.issueOrThrow(repo, number);
    if (!issue.pull) throw new Error(`emulator: ${repo}#${number} is an issue, not a pull request`);
    return issue;
  }

  listCheckRuns(repo: string, sha?: string): CheckRun[] {
    const fullName = this.state.repoOrThrow(repo).fullName;
    return [...this.state.checkRuns.values()].filter((run) => run.repo === fullName && (!sha || run.headSha === sha));
  }
}
