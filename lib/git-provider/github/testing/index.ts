export { startGitHubEmulator, type GitHubEmulatorOptions } from "./emulator/start-git-hub-emulator";
export type { GitHubEmulator, CreateInstallationOptions, CreateRepositoryOptions } from "./emulator/git-hub-emulator";
export type { SpecViolation } from "./emulator/spec-validator";
export type { WebhookDelivery } from "./emulator/webhook-sender";
export type { FailNextOptions } from "./emulator/emulator-server";
