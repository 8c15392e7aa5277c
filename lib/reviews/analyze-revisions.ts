import { languageOf } from "@/lib/code-index/parse";
import { runGit } from "@/lib/workspaces/run-git";
import { checkAdvisories } from "@/lib/reviews/check-advisories";
import { classifyFile } from "@/lib/reviews/classify-file";
import { compareComplexity } from "@/lib/reviews/compare-complexity";
import { dependencyChanges } from "@/lib/reviews/dependency-changes";
import { languageOfPath } from "@/lib/reviews/language-of-path";
import { parseDiff } from "@/lib/reviews/parse-diff";
import { readRevisionFiles } from "@/lib/reviews/read-revision-files";
import { isDependencyFile } from "@/lib/reviews/is-dependency-file";
import { scanSecrets } from "@/lib/reviews/scan-secrets";
import type { DiffFile, DiffMetadata, FileMetadata, SecretPattern, StaticAnalysis } from "@/lib/reviews/types";

export type StaticOptions = {
  complexityThreshold: number;
  secretPatterns: SecretPattern[];
  /** MERGELINE_ADVISORY_DB; undefined: vulnerabilities are "not checked". */
  advisoryDb: string | undefined;
};

// A diff past this is cut (at a file boundary): a review of 8 MB of changes is not read by anyone.
const MAX_DIFF_BYTES = 8 * 1024 * 1024;

/**
 * Everything a review finds without a model, in the diff between two commits of a bare
 * repository (the project's mirror): metadata, complexity, dependency changes, secrets in
 * added lines and known vulnerabilities. `base` is the merge base, so the diff is the PR's.
 */
export async function analyzeRevisions({
  gitDir,
  base,
  head,
  options,
}: {
  gitDir: string;
  base: string;
  head: string;
  options: StaticOptions;
}): Promise<StaticAnalysis & { files: DiffFile[] }> {
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round((timings[name] ?? 0) + performance.now() - started);
    }
  };
  const env = { GIT_DIR: gitDir };
  let text = await time("diff", () =>
    runGit(
      gitDir,
      ["diff", "--no-color", "--no-ext-diff", "--no-textconv", "-M", "--src-prefix=a/", "--dst-prefix=b/", base, head],
      { env, trim: false },
    ),
  );
  const truncated = text.length > MAX_DIFF_BYTES;
  if (truncated) text = text.slice(0, text.lastIndexOf("\ndiff --git ", MAX_DIFF_BYTES) + 1);
  const files = parseDiff(text);

  // What each file needs read: the new version of code, manifests and (for the marker) every added file;
  // the old version of code and manifests.
  const wanted = files.filter((file) => !file.binary && file.status !== "deleted");
  const needsOld = (file: DiffFile) =>
    file.status !== "added" && (languageOf(file.path) !== null || isDependencyFile(file.path));
  const [after, before] = await time("read", () =>
    Promise.all([
      readRevisionFiles(
        gitDir,
        wanted.map((file) => `${head}:${file.path}`),
      ),
      readRevisionFiles(
        gitDir,
        wanted.filter(needsOld).map((file) => `${base}:${file.oldPath}`),
      ),
    ]),
  );
  const afterOf = new Map(wanted.map((file, i) => [file.path, after[i] ?? null]));
  const beforeOf = new Map(wanted.filter(needsOld).map((file, i) => [file.path, before[i] ?? null]));

  const metadataFiles: FileMetadata[] = files.map((file) => {
    const content = afterOf.get(file.path);
    const firstLines = content ? content.slice(0, 2000).split("\n") : file.addedLines.slice(0, 5).map((l) => l.text);
    return {
      path: file.path,
      status: file.status,
      added: file.added,
      removed: file.removed,
      language: languageOfPath(file.path),
      binary: file.binary,
      ...classifyFile(file.path, firstLines),
    };
  });
  const metadata = summarize(metadataFiles, truncated);
  const reviewed = new Set(metadataFiles.filter((file) => !file.generated && !file.vendored).map((file) => file.path));

  const complexity = await time("complexity", async () => {
    const all = await Promise.all(
      wanted.map(async (file) => {
        const language = languageOf(file.path);
        const content = afterOf.get(file.path);
        if (!language || !content || !reviewed.has(file.path) || file.addedLines.length === 0) return null;
        return compareComplexity({
          file,
          language,
          before: beforeOf.get(file.path) ?? null,
          after: content,
          threshold: options.complexityThreshold,
        });
      }),
    );
    return all.filter((entry) => entry !== null);
  });

  const dependencies = await time("dependencies", async () =>
    files
      .filter((file) => isDependencyFile(file.path) && !file.path.includes("node_modules/"))
      .flatMap((file) =>
        dependencyChanges({
          path: file.path,
          before: file.status === "added" ? null : (beforeOf.get(file.path) ?? null),
          after: file.status === "deleted" ? null : (afterOf.get(file.path) ?? null),
        }),
      ),
  );
  const secrets = await time("secrets", () => scanSecrets(files, options.secretPatterns));
  const advisories = await time("advisories", () => checkAdvisories({ directory: options.advisoryDb, dependencies }));
  return {
    files,
    metadata,
    complexity: complexity.flatMap((entry) => entry.changes),
    dependencies,
    advisories: advisories.result,
    findings: [...secrets, ...advisories.findings, ...complexity.flatMap((entry) => entry.findings)],
    timings,
  };
}

function summarize(files: FileMetadata[], truncated: boolean): DiffMetadata {
  const languages: Record<string, number> = {};
  for (const file of files) {
    if (file.generated || file.vendored || !file.language) continue;
    languages[file.language] = (languages[file.language] ?? 0) + file.added + file.removed;
  }
  return {
    files,
    filesChanged: files.length,
    added: files.reduce((sum, file) => sum + file.added, 0),
    removed: files.reduce((sum, file) => sum + file.removed, 0),
    languages,
    generatedFiles: files.filter((file) => file.generated).length,
    vendoredFiles: files.filter((file) => file.vendored).length,
    truncated,
  };
}
