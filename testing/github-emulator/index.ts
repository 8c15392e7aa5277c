export { startGitHubEmulator, type GitHubEmulatorOptions } from "./emulator/start-git-hub-emulator";
export type { GitHubEmulator, CreateInstallationOptions, CreateRepositoryOptions } from "./emulator/git-hub-emulator";
export { getSpecValidator, type SpecValidator, type SpecViolation } from "./emulator/spec-validator";
export type { WebhookDelivery } from "./emulator/webhook-sender";
export type { FailNextOptions } from "./emulator/emulator-server";
export type { MergeOutcome } from "./emulator/merge-pull";
export type {
  Account,
  CheckRun,
  Comment,
  CommitStatus,
  Installation,
  Issue,
  Label,
  MergeMethod,
  Permission,
  PullState,
  Review,
  ReviewComment,
} from "./emulator/state";
