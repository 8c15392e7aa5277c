import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { codeChunks, codeFiles, codeSymbolNames, codeSymbols } from "@/db/schema";

// Writing the code index: files with their symbols and chunks, replaced file by file.

export type IndexedFileRow = {
  path: string;
  blobSha: string;
  sizeBytes: number;
  lineCount: number;
  language: string | null;
  error: string | null;
  symbols: {
    name: string;
    kind: string;
    container: string | null;
    exported: boolean;
    startLine: number;
    endLine: number;
    signature: string;
  }[];
  chunks: {
    startLine: number;
    endLine: number;
    symbolOrdinal: number | null;
    content: string;
    contentSha: string;
    /** A tsvector literal (lib/code-index/tsvector-literal.ts). */
    search: string;
  }[];
};

// Rows per INSERT: large enough to keep round trips few, small enough to stay far below
// Postgres's 65,535 parameters per statement.
const ROWS_PER_STATEMENT = 400;

function* slices<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** path -> blob id of every file the index holds. */
export async function listIndexedBlobs({
  db,
  indexId,
}: {
  db: Database;
  indexId: string;
}): Promise<Map<string, string>> {
  const rows = await db
    .select({ path: codeFiles.path, blobSha: codeFiles.blobSha })
    .from(codeFiles)
    .where(eq(codeFiles.indexId, indexId));
  return new Map(rows.map((row) => [row.path, row.blobSha]));
}

/** Makes every file of the index look changed, so the next sync reads and parses it again; its rows stay searchable meanwhile. */
export async function markIndexedFilesStale({ db, indexId }: { db: Database; indexId: string }) {
  await db.update(codeFiles).set({ blobSha: "" }).where(eq(codeFiles.indexId, indexId));
}

/** Deletes these files (their symbols and chunks go with them), and the names no symbol of the index has any more. */
export async function deleteIndexedFiles({ db, indexId, paths }: { db: Database; indexId: string; paths: string[] }) {
  for (const part of slices(paths, 1000)) {
    const names = await db
      .selectDistinct({ name: codeSymbols.name })
      .from(codeSymbols)
      .innerJoin(codeFiles, eq(codeFiles.id, codeSymbols.fileId))
      .where(and(eq(codeFiles.indexId, indexId), inArray(codeFiles.path, part)));
    await db.delete(codeFiles).where(and(eq(codeFiles.indexId, indexId), inArray(codeFiles.path, part)));
    for (const slice of slices(names, 1000))
      await db.execute(sql`
        delete from code_symbol_names n
        where n.index_id = ${indexId} and n.name in (${sql.join(
          slice.map(({ name }) => sql`${name}`),
          sql`, `,
        )})
          and not exists (select 1 from code_symbols s where s.index_id = n.index_id and s.name = n.name)`);
  }
}

/**
 * Replaces the rows of these files (their older version, symbols and chunks go) in one
 * transaction, so a search never sees a file half written.
 */
export async function replaceIndexedFiles({
  db,
  indexId,
  files,
}: {
  db: Database;
  indexId: string;
  files: IndexedFileRow[];
}): Promise<void> {
  if (files.length === 0) return;
  await db.transaction(async (tx) => {
    await deleteIndexedFiles({ db: tx, indexId, paths: files.map((file) => file.path) });
    const ids = new Map<string, number>();
    for (const part of slices(files, ROWS_PER_STATEMENT)) {
      const inserted = await tx
        .insert(codeFiles)
        .values(
          part.map((file) => ({
            indexId,
            path: file.path,
            language: file.language,
            blobSha: file.blobSha,
            sizeBytes: file.sizeBytes,
            lineCount: file.lineCount,
            symbolCount: file.symbols.length,
            error: file.error,
          })),
        )
        .returning({ id: codeFiles.id, path: codeFiles.path });
      for (const row of inserted) ids.set(row.path, row.id);
    }
    const symbols = files.flatMap((file) =>
      file.symbols.map((symbol, ordinal) => ({ indexId, fileId: ids.get(file.path)!, ordinal, ...symbol })),
    );
    for (const part of slices(symbols, ROWS_PER_STATEMENT)) await tx.insert(codeSymbols).values(part);
    const names = [...new Set(symbols.map((symbol) => symbol.name))].map((name) => ({ indexId, name }));
    for (const part of slices(names, ROWS_PER_STATEMENT))
      await tx.insert(codeSymbolNames).values(part).onConflictDoNothing();
    const chunks = files.flatMap((file) =>
      file.chunks.map(({ search, ...chunk }) => ({
        indexId,
        fileId: ids.get(file.path)!,
        ...chunk,
        search: sql`${search}::tsvector`,
      })),
    );
    for (const part of slices(chunks, ROWS_PER_STATEMENT)) await tx.insert(codeChunks).values(part);
  });
}

/**
 * Makes `toIndexId` a copy of `fromIndexId` (a branch's index starts as its base's): files,
 * symbols, their names and chunks, mapped by path. The target must be empty.
 */
export async function copyIndexedFiles({
  db,
  fromIndexId,
  toIndexId,
}: {
  db: Database;
  fromIndexId: string;
  toIndexId: string;
}): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into code_files (index_id, path, language, blob_sha, size_bytes, line_count, symbol_count, error)
      select ${toIndexId}, path, language, blob_sha, size_bytes, line_count, symbol_count, error
      from code_files where index_id = ${fromIndexId}`);
    await tx.execute(sql`
      insert into code_symbols (index_id, file_id, ordinal, name, kind, container, exported, start_line, end_line, signature)
      select ${toIndexId}, target.id, s.ordinal, s.name, s.kind, s.container, s.exported, s.start_line, s.end_line, s.signature
      from code_symbols s
      join code_files source on source.id = s.file_id
      join code_files target on target.index_id = ${toIndexId} and target.path = source.path
      where s.index_id = ${fromIndexId}`);
    await tx.execute(sql`
      insert into code_symbol_names (index_id, name)
      select ${toIndexId}, name from code_symbol_names where index_id = ${fromIndexId}`);
    await tx.execute(sql`
      insert into code_chunks (index_id, file_id, symbol_ordinal, start_line, end_line, content, content_sha, search)
      select ${toIndexId}, target.id, c.symbol_ordinal, c.start_line, c.end_line, c.content, c.content_sha, c.search
      from code_chunks c
      join code_files source on source.id = c.file_id
      join code_files target on target.index_id = ${toIndexId} and target.path = source.path
      where c.index_id = ${fromIndexId}`);
  });
}
