// The emulator's whole state, in memory; git objects live in real bare repositories.

export type Account = { login: string; id: number; type: "User" | "Organization" | "Bot" };
export type Permission = "admin" | "maintain" | "write" | "triage" | "read" | "none";
export type MergeMethod = "merge" | "squash" | "rebase";

export type Installation = {
  id: number;
  account: Account;
  repositories: string[] | "all";
  suspended: boolean;
  createdAt: string;
};
export type InstallationToken = { token: string; installationId: number; expiresAt: number };

export type Label = { id: number; name: string; color: string; description: string | null; default: boolean };
export type Comment = {
  id: number;
  repo: string;
  number: number;
  body: string;
  user: Account;
  createdAt: string;
  updatedAt: string;
  app: boolean;
};

export type Review = {
  id: number;
  user: Account;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED";
  body: string;
  commitId: string;
  submittedAt: string;
};
export type ReviewComment = {
  id: number;
  reviewId: number | null;
  inReplyTo?: number;
  path: string;
  line: number | null;
  body: string;
  user: Account;
  commitId: string;
  createdAt: string;
  updatedAt: string;
};

export type PullState = {
  head: string;
  /** The fork the head branch lives in (full name); absent when it is the repository's own branch. */
  headRepo?: string;
  base: string;
  /** Head and base commits frozen when the PR closes; live branch heads while open. */
  headSha?: string;
  baseSha?: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: Account | null;
  mergeCommitSha: string | null;
  maintainerCanModify: boolean;
  autoMerge: { method: MergeMethod; enabledBy: Account; title?: string; message?: string } | null;
  reviews: Review[];
  reviewComments: ReviewComment[];
};

export type Issue = {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: Account;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | null;
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: Account | null;
  pull: PullState | null;
};

export type CheckRun = {
  id: number;
  repo: string;
  headSha: string;
  name: string;
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  conclusion: string | null;
  startedAt: string;
  completedAt: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: unknown[];
  suiteId: number;
};

export type CommitStatus = {
  id: number;
  repo: string;
  sha: string;
  state: "error" | "failure" | "pending" | "success";
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: Account;
  createdAt: string;
  updatedAt: string;
};

export type Repo = {
  id: number;
  owner: Account;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  dir: string;
  /** The repository this one is a fork of (full name). */
  parent?: string;
  createdAt: string;
  pushedAt: string;
  autoMergeAllowed: boolean;
  permissions: Map<string, Permission>;
  labels: Label[];
  issues: Map<number, Issue>;
  comments: Comment[];
  nextNumber: number;
  protections: Map<string, { requiredChecks: string[] }>;
};

export class EmulatorState {
  private nextIdValue = 1000;
  readonly accounts = new Map<string, Account>();
  readonly installations = new Map<number, Installation>();
  readonly tokens = new Map<string, InstallationToken>();
  readonly repos = new Map<string, Repo>();
  readonly comments = new Map<number, { repo: Repo; comment: Comment }>();
  readonly checkRuns = new Map<number, CheckRun>();
  readonly statuses: CommitStatus[] = [];

  nextId(): number {
    return ++this.nextIdValue;
  }

  account(login: string, type: Account["type"] = "User"): Account {
    const key = login.toLowerCase();
    let found = this.accounts.get(key);
    if (!found) {
      found = { login, id: this.nextId(), type };
      this.accounts.set(key, found);
    }
    return found;
  }

  repo(fullName: string): Repo | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  repoOrThrow(fullName: string): Repo {
    const found = this.repo(fullName);
    if (!found) throw new Error(`emulator: no repository ${fullName}`);
    return found;
  }

  issueOrThrow(fullName: string, number: number): Issue {
    const found = this.repoOrThrow(fullName).issues.get(number);
    if (!found) throw new Error(`emulator: no issue ${fullName}#${number}`);
    return found;
  }

  installationFor(fullName: string): Installation | undefined {
    const repo = this.repo(fullName);
    if (!repo) return undefined;
    for (const installation of this.installations.values()) {
      if (installation.account.login.toLowerCase() !== repo.owner.login.toLowerCase()) continue;
      if (
        installation.repositories === "all" ||
        installation.repositories.some((r) => r.toLowerCase() === repo.fullName.toLowerCase())
      )
        return installation;
    }
    return undefined;
  }

  installationRepos(installation: Installation): Repo[] {
    return [...this.repos.values()].filter((repo) => this.installationFor(repo.fullName)?.id === installation.id);
  }
}
