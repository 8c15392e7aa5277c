import fs from "node:fs/promises";
import path from "node:path";

/** A path the agent may not use; its message goes back to the model as the tool result. */
export class WorkspacePathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkspacePathError";
  }
}

export type WorkspacePath = {
  /** Real absolute path to read or write (symlinks resolved, always inside the workspace). */
  absolute: string;
  /** Workspace-relative, with forward slashes, for messages to the model. */
  relative: string;
  exists: boolean;
};

/** `target` relative to `root`, or null when it is not inside it. */
function inside(root: string, target: string): string | null {
  const relative = path.relative(root, target);
  if (relative === "") return ".";
  if (relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return null;
  return relative;
}

// Case-insensitive: on macOS and Windows ".GIT" is the same directory.
const touchesGit = (relative: string) => relative.split(path.sep).some((part) => part.toLowerCase() === ".git");

async function exists(target: string): Promise<boolean> {
  return fs.lstat(target).then(
    () => true,
    () => false,
  );
}

function checkReal(root: string, real: string, requested: string): string {
  const relative = inside(root, real);
  if (relative === null)
    throw new WorkspacePathError(`${requested} resolves outside the workspace (through a symlink)`);
  if (touchesGit(relative))
    throw new WorkspacePathError(`${requested} resolves into .git, which agent tools may not touch`);
  return relative;
}

/**
 * Resolves a path the model gave to a real path inside the workspace, or throws
 * WorkspacePathError: absolute paths outside the workspace, `..` escapes, anything in
 * `.git`, and symlinks whose real target (or, for a new file, whose nearest existing
 * parent's real path) leaves the workspace are all refused. Issue text can steer the
 * model, so this is the boundary, not the prompt.
 */
export async function resolveWorkspacePath(
  workspacePath: string,
  requested: string,
  mode: "read" | "write",
): Promise<WorkspacePath> {
  if (typeof requested !== "string" || requested.trim() === "") throw new WorkspacePathError("The path is empty");
  if (requested.includes("\0")) throw new WorkspacePathError("The path contains a NUL byte");
  const root = await fs.realpath(workspacePath);

  let candidate: string;
  if (path.isAbsolute(requested)) {
    // Either spelling of the root is accepted (the workspace may sit behind a symlink such as /tmp).
    const relative =
      inside(root, path.resolve(requested)) ?? inside(path.resolve(workspacePath), path.resolve(requested));
    if (relative === null)
      throw new WorkspacePathError(`${requested} is outside the workspace; use a path relative to it`);
    candidate = path.join(/*turbopackIgnore: true*/ root, relative);
  } else {
    candidate = path.resolve(root, requested);
  }
  const relative = inside(root, candidate);
  if (relative === null) throw new WorkspacePathError(`${requested} escapes the workspace`);
  if (touchesGit(relative))
    throw new WorkspacePathError(`${requested} is inside .git, which agent tools may not touch`);
  const shown = relative.split(path.sep).join("/");

  try {
    const real = await fs.realpath(/*turbopackIgnore: true*/ candidate);
    checkReal(root, real, requested);
    return { absolute: real, relative: shown, exists: true };
  } catch (error) {
    if (error instanceof WorkspacePathError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "ENOTDIR") throw error;
  }

  // The target does not exist. A dangling symlink would be followed by a write, to a target we cannot check.
  if (await exists(candidate)) throw new WorkspacePathError(`${requested} is a symlink to a missing target`);
  if (mode === "read") throw new WorkspacePathError(`${requested} does not exist`);
  let ancestor = path.dirname(candidate);
  while (!(await exists(ancestor))) ancestor = path.dirname(ancestor);
  const realAncestor = await fs.realpath(ancestor).catch(() => {
    throw new WorkspacePathError(`${requested} is under a symlink to a missing target`);
  });
  checkReal(root, realAncestor, requested);
  return { absolute: path.join(realAncestor, path.relative(ancestor, candidate)), relative: shown, exists: false };
}
