import { createHash } from "node:crypto";
import path from "node:path";
import { AppError } from "@/lib/platform/errors";

// Where the local provider keeps its working state inside the data dir.

/** The bare cache of a repository: one per absolute repository path, named by its hash. */
export function mirrorPath(dataDir: string, repository: string): string {
  const digest = createHash("sha256").update(path.resolve(repository)).digest("hex").slice(0, 24);
  return path.join(dataDir, "mirrors", digest);
}

/** A run's working copy. Run ids become directory names, so only safe characters pass. */
export function workspacePath(dataDir: string, runId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(runId)) {
    throw new AppError("bad_request:run_id", `"${runId}" is not a valid run id`);
  }
  return path.join(dataDir, "workspaces", runId);
}

/**
 * Where a preview of a run's attempt runs from: a copy of the attempt's checkout (the run's
 * workspace is remade by the next attempt while reviewers still look at this one). The
 * sweep (sweep-workspaces.ts) reads run ids back from these names.
 */
export function previewCopyPath(dataDir: string, runId: string, attempt: number): string {
  workspacePath(dataDir, runId); // the same rule for run ids
  if (!Number.isSafeInteger(attempt) || attempt < 0)
    throw new AppError("bad_request:attempt", `${attempt} is not an attempt`);
  return path.join(dataDir, "previews", `${runId}-${attempt}`);
}

/** Where removed working copies wait to be deleted: renamed there at once, deleted after. */
export function trashPath(dataDir: string): string {
  return path.join(dataDir, "trash");
}

/** Scratch space for merges, rebased in throwaway worktrees. */
export function scratchPath(dataDir: string): string {
  return path.join(dataDir, "tmp");
}

/**
 * Branch names reach git as arguments, so they follow `git check-ref-format --branch`
 * and may not look like options.
 */
export function assertBranchName(name: string): void {
  const invalid =
    name.length === 0 ||
    name.length > 200 ||
    name.startsWith("-") ||
    name.startsWith("/") ||
    name.endsWith("/") ||
    name.endsWith(".") ||
    name.endsWith(".lock") ||
    name === "@" ||
    name.includes("..") ||
    name.includes("//") ||
    name.includes("@{") ||
    name.split("/").some((part) => part.startsWith(".") || part.endsWith(".lock")) ||
    // Control characters, space and the characters git reserves for revision syntax.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
    /[\u0000-\u0020\u007f~^:?*[\\]/.test(name);
  if (invalid) throw new AppError("bad_request:branch", `"${name}" is not a valid branch name`);
}
