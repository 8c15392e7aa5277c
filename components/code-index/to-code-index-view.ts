import type { CodeIndexStatus } from "@/lib/code-index/get-code-index-status";
import type { CodeIndexView } from "./types";

/** The card's view of the index status (types only from lib: components read no database). */
export function toCodeIndexView(status: CodeIndexStatus, ref: string): CodeIndexView {
  const index = status.defaultBranch;
  return {
    state: index?.state ?? "none",
    ref,
    commitSha: index?.commitSha ?? null,
    fileCount: index?.fileCount ?? 0,
    symbolCount: index?.symbolCount ?? 0,
    progressDone: index?.progressDone ?? 0,
    progressTotal: index?.progressTotal ?? 0,
    error: index?.error ?? null,
    syncedAt: index?.syncedAt?.toISOString() ?? null,
    search: status.search,
    fileErrors: status.fileErrors,
  };
}
