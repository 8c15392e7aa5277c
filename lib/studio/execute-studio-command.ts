import fs from "node:fs/promises";
import path from "node:path";
import type { Database } from "@/db/client";
import { resolveWorkspacePath, WorkspacePathError } from "@/lib/agents/tools/workspace-path";
import { AppError } from "@/lib/platform/errors";
import { commitStudioChange } from "@/lib/studio/commit-studio-change";
import { editableSession } from "@/lib/studio/editable-session";
import { withStudioSession } from "@/lib/studio/with-studio-session";

export const MAX_WRITE_BYTES = 1024 * 1024;

export type StudioCommand = { command: "write_file"; filePath: string; content: string; description: string };

/**
 * A person's direct change, the seed's `execute`: `write_file` writes one file of the
 * repository (no `..`, nothing in .git, no symlink out: the agent's own path rules) and
 * commits it like an agent's edit. A refused path changes nothing. commitHash is null when
 * the file already had that content.
 */
export async function executeStudioCommand({
  db,
  sessionId,
  input,
  userId,
}: {
  db: Database;
  sessionId: string;
  input: StudioCommand;
  userId?: string | null;
}): Promise<{ output: string; commitHash: string | null }> {
  if (Buffer.byteLength(input.content) > MAX_WRITE_BYTES)
    throw new AppError("bad_request:content", `content is over ${MAX_WRITE_BYTES} bytes`);
  return withStudioSession(sessionId, async () => {
    const { session, workspacePath } = await editableSession({ db, sessionId });
    let file;
    try {
      file = await resolveWorkspacePath(workspacePath, input.filePath, "write");
    } catch (error) {
      if (error instanceof WorkspacePathError) throw new AppError("bad_request:filePath", error.message);
      throw error;
    }
    if (file.exists && !(await fs.stat(file.absolute)).isFile())
      throw new AppError("bad_request:filePath", `${input.filePath} is a directory`);
    await fs.mkdir(path.dirname(file.absolute), { recursive: true });
    await fs.writeFile(file.absolute, input.content, "utf8");
    const commit = await commitStudioChange({
      db,
      session,
      workspacePath,
      kind: "write",
      description: input.description,
      userId,
    });
    const bytes = Buffer.byteLength(input.content);
    return {
      output: commit
        ? `Wrote ${file.relative} (${bytes} bytes) and committed ${commit.sha.slice(0, 12)}`
        : `${file.relative} already had this content; nothing to commit`,
      commitHash: commit?.sha ?? null,
    };
  });
}
