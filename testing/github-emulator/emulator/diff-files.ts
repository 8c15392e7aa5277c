import type { EmulatorContext } from "./context";
import { git, runGit } from "./run-git";
import type { Repo } from "./state";

const STATUS: Record<string, string> = {
  A: "added",
  D: "removed",
  M: "modified",
  R: "renamed",
  C: "copied",
  T: "changed",
};

/** The `diff-entry` list (with patches) between two commits, as compare and pulls/{n}/files return it. */
export async function diffFiles(
  ctx: EmulatorContext,
  repo: Repo,
  mergeBase: string,
  headSha: string,
): Promise<Record<string, unknown>[]> {
  const numstat = new Map(
    (await git(repo.dir, ["diff", "--numstat", "-M", mergeBase, headSha]))
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [added, removed, ...name] = line.split("\t");
        return [
          name
            .join("\t")
            .replace(/^.*=> /, "")
            .replace(/[{}]/g, ""),
          { added: Number(added) || 0, removed: Number(removed) || 0 },
        ] as const;
      }),
  );
  const files = [];
  for (const line of (await git(repo.dir, ["diff", "--name-status", "-M", mergeBase, headSha]))
    .split("\n")
    .filter(Boolean)) {
    const [code, first, second] = line.split("\t");
    const filename = second ?? first;
    const stats = numstat.get(filename) ?? { added: 0, removed: 0 };
    const blob = (await runGit(repo.dir, ["rev-parse", `${headSha}:${filename}`])).stdout.trim() || "0".repeat(40);
    const diff = await git(repo.dir, [
      "diff",
      "-M",
      mergeBase,
      headSha,
      "--",
      ...(second ? [first, second] : [filename]),
    ]);
    const hunk = diff.indexOf("\n@@");
    files.push({
      sha: blob,
      filename,
      status: STATUS[code[0]] ?? "modified",
      additions: stats.added,
      deletions: stats.removed,
      changes: stats.added + stats.removed,
      blob_url: ctx.urls.html(`${repo.fullName}/blob/${headSha}/${filename}`),
      raw_url: ctx.urls.html(`${repo.fullName}/raw/${headSha}/${filename}`),
      contents_url: ctx.urls.repoApi(repo.fullName, `/contents/${filename}?ref=${headSha}`),
      ...(hunk >= 0 ? { patch: diff.slice(hunk + 1) } : {}),
      ...(second ? { previous_filename: first } : {}),
    });
  }
  return files;
}
