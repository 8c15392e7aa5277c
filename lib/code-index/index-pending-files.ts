import type { Database } from "@/db/client";
import { type IndexedFileRow, replaceIndexedFiles } from "@/db/queries/code-files";
import { addCodeIndexProgress, getCodeIndexById } from "@/db/queries/code-index";
import type { Project } from "@/db/schema";
import { type GitProvider, getGitProvider } from "@/lib/git-provider";
import { logger } from "@/lib/platform/logger";
import { analyzeFile } from "./analyze-file";
import { analyzeInPool } from "./analyze-pool";
import { findPendingFiles } from "./find-pending-files";
import type { TreeEntry } from "./list-tree";
import { publishCodeIndexState } from "./publish-code-index-state";
import { readBlobs } from "./read-blobs";

// One step of a sync: the next files the index lacks, read from the mirror, analyzed on the
// worker threads and written. Bounded by files and bytes so a step stays short and durable.
const DEFAULT_MAX_FILES = 2000;
const MAX_BATCH_BYTES = 32 * 1024 * 1024;
const BINARY_PROBE_BYTES = 8000;
// Rows are written in groups as analyses come in, so the database and the workers overlap.
const WRITE_GROUP = 250;
// A push of a few files is analyzed on this thread: starting the workers (a module graph and
// the grammars each, about half a second of CPU on 2 cores) would cost more than the files.
const INLINE_MAX_FILES = 50;

async function analyzeEntry(
  entry: TreeEntry,
  blob: Buffer | undefined,
  analyze: typeof analyzeFile,
): Promise<IndexedFileRow> {
  const base = { path: entry.path, blobSha: entry.blobSha, sizeBytes: entry.size };
  if (!blob)
    return {
      ...base,
      lineCount: 0,
      language: null,
      error: "Missing from the repository's objects",
      symbols: [],
      chunks: [],
    };
  // Binary files are remembered (so they are not read again) but have nothing to search.
  if (blob.subarray(0, BINARY_PROBE_BYTES).includes(0))
    return { ...base, lineCount: 0, language: "binary", error: null, symbols: [], chunks: [] };
  const content = blob.toString("utf8");
  try {
    const analysis = await analyze({ path: entry.path, content });
    return {
      ...base,
      lineCount: analysis.lineCount,
      language: analysis.language,
      error: analysis.error,
      symbols: analysis.symbols.map(({ name, kind, container, exported, startLine, endLine, signature }) => ({
        name,
        kind,
        container,
        exported,
        startLine,
        endLine,
        signature,
      })),
      chunks: analysis.chunks,
    };
  } catch (error) {
    logger.warn({ err: error, path: entry.path }, "a file could not be analyzed");
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, lineCount: 0, language: null, error: `Could not be parsed: ${message}`, symbols: [], chunks: [] };
  }
}

/** Indexes the next pending files of the sync to `commit`; returns how many it did and how many remain. */
export async function indexPendingFiles({
  db,
  project,
  indexId,
  commit,
  maxFiles = DEFAULT_MAX_FILES,
  gitProvider = getGitProvider(project, { db }),
}: {
  db: Database;
  project: Project;
  indexId: string;
  commit: string;
  maxFiles?: number;
  gitProvider?: GitProvider;
}): Promise<{ indexed: number; remaining: number }> {
  const mirrorDir = gitProvider.mirrorDir({ project });
  const { pending } = await findPendingFiles({ db, mirrorDir, indexId, commit });
  const batch: TreeEntry[] = [];
  let bytes = 0;
  for (const entry of pending) {
    if (batch.length >= maxFiles || (batch.length > 0 && bytes + entry.size > MAX_BATCH_BYTES)) break;
    batch.push(entry);
    bytes += entry.size;
  }
  if (batch.length === 0) return { indexed: 0, remaining: 0 };

  const blobs = await readBlobs(mirrorDir, [...new Set(batch.map((entry) => entry.blobSha))]);
  const analyze = batch.length <= INLINE_MAX_FILES ? analyzeFile : analyzeInPool;
  const analyses = batch.map((entry) => analyzeEntry(entry, blobs.get(entry.blobSha), analyze));
  for (let start = 0; start < analyses.length; start += WRITE_GROUP) {
    const files = await Promise.all(analyses.slice(start, start + WRITE_GROUP));
    await replaceIndexedFiles({ db, indexId, files });
    await addCodeIndexProgress({ db, id: indexId, files: files.length });
  }
  const index = await getCodeIndexById({ db, id: indexId });
  if (index) await publishCodeIndexState(index);
  return { indexed: batch.length, remaining: pending.length - batch.length };
}
