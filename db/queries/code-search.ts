import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rowsOf } from "./rows-of";

// Reading the code index for search: one ranked list per signal (full text, symbol names,
// paths), each a list of ids; lib/code-index fuses them and loads the winners' details.

/**
 * Runs `query` where the planner must use the trigram indexes. It prices pg_trgm's operators
 * as cheap and, with or without statistics, would rather test every name or path of the
 * index (at 60,000 symbols ten times the cost of the index lookups). The trigram conditions
 * therefore stand alone in their own branches (the index filter comes after: a btree on it
 * must not look like a way in), and in this transaction sequential and plain index scans are
 * off, which leaves bitmap scans of the trigram indexes. Names are matched among an index's
 * distinct names (code_symbol_names), then joined to the symbols that bear them.
 */
async function withTrigramIndexes<T>(db: Database, query: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // set_config(..., true) is SET LOCAL; both in one statement, a round trip fewer.
    await tx.execute(
      sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`,
    );
    return query(tx);
  });
}

export type ChunkKindFilter = "symbol" | "chunk" | undefined;

const chunkKindCondition = (kind: ChunkKindFilter) =>
  kind === "symbol"
    ? sql`and c.symbol_ordinal is not null`
    : kind === "chunk"
      ? sql`and c.symbol_ordinal is null`
      : sql``;

/**
 * Chunks matching a to_tsquery expression of normalized terms (lib/code-index/query-terms.ts;
 * the `simple` configuration, as the documents are written already normalized), best first.
 */
export async function searchChunksByText({
  db,
  indexId,
  tsquery,
  kind,
  limit,
}: {
  db: Database;
  indexId: string;
  tsquery: string;
  kind?: ChunkKindFilter;
  limit: number;
}): Promise<number[]> {
  const rows = rowsOf<{ id: number | string }>(
    await db.execute(sql`
      select c.id
      from code_chunks c, to_tsquery('simple', ${tsquery}) q
      where c.index_id = ${indexId} and c.search @@ q ${chunkKindCondition(kind)}
      order by ts_rank_cd(c.search, q) desc, c.id
      limit ${limit}`),
  );
  return rows.map((row) => Number(row.id));
}

/**
 * Symbols whose name is like `name` (trigram similarity, or all of `words` in order), exact
 * names first; each with the chunk that holds it.
 */
export async function searchSymbolsByName({
  db,
  indexId,
  name,
  words,
  limit,
}: {
  db: Database;
  indexId: string;
  name: string;
  words: string[];
  limit: number;
}): Promise<{ chunkId: number; symbolId: number }[]> {
  const like = `%${words.map((word) => word.replace(/[\\%_]/g, "\\$&")).join("%")}%`;
  const rows = await withTrigramIndexes(db, async (tx) =>
    rowsOf<{ chunk_id: number | string | null; symbol_id: number | string }>(
      await tx.execute(sql`
        with names as materialized (
          select index_id, name from code_symbol_names where name % ${name}
          union
          select index_id, name from code_symbol_names where name ilike ${like}
        ),
        -- Ranked once per name, not once per symbol of it.
        ranked as materialized (
          select name, lower(name) = lower(${name}) as exact, similarity(name, ${name}) as similarity
          from names where index_id = ${indexId}
        ),
        matched as materialized (
          select s.id, s.file_id, s.ordinal, s.exported, r.exact, r.similarity
          from ranked r join code_symbols s on s.index_id = ${indexId} and s.name = r.name
        )
        select m.id as symbol_id,
          (select c.id from code_chunks c where c.file_id = m.file_id and c.symbol_ordinal = m.ordinal
           order by c.start_line limit 1) as chunk_id
        from matched m
        order by m.exact desc, m.similarity desc, m.exported desc, m.id
        limit ${limit}`),
    ),
  );
  return rows
    .filter((row) => row.chunk_id !== null)
    .map((row) => ({ chunkId: Number(row.chunk_id), symbolId: Number(row.symbol_id) }));
}

/** Files whose path contains `query` or is like it (trigram word similarity), closest first. */
export async function searchFilesByPath({
  db,
  indexId,
  query,
  limit,
}: {
  db: Database;
  indexId: string;
  query: string;
  limit: number;
}): Promise<number[]> {
  const like = `%${query.replace(/[\\%_]/g, "\\$&")}%`;
  const rows = await withTrigramIndexes(db, async (tx) =>
    rowsOf<{ id: number | string }>(
      await tx.execute(sql`
        with matched as materialized (
          select id, index_id, path from code_files where path ilike ${like}
          union
          select id, index_id, path from code_files where ${query} <% path
        )
        select m.id from matched m
        where m.index_id = ${indexId}
        order by m.path ilike ${like} desc, word_similarity(${query}, m.path) desc, length(m.path), m.id
        limit ${limit}`),
    ),
  );
  return rows.map((row) => Number(row.id));
}

export type ChunkDetail = {
  id: number;
  path: string;
  language: string | null;
  startLine: number;
  endLine: number;
  content: string;
  symbolName: string | null;
  symbolKind: string | null;
  symbolContainer: string | null;
  symbolExported: boolean | null;
  symbolSignature: string | null;
  symbolStartLine: number | null;
  symbolEndLine: number | null;
};

/** Chunks by id with their file and symbol. */
export async function getChunkDetails({ db, ids }: { db: Database; ids: number[] }): Promise<ChunkDetail[]> {
  if (ids.length === 0) return [];
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select c.id, f.path, f.language, c.start_line, c.end_line, c.content,
        s.name as symbol_name, s.kind as symbol_kind, s.container as symbol_container,
        s.exported as symbol_exported, s.signature as symbol_signature,
        s.start_line as symbol_start_line, s.end_line as symbol_end_line
      from code_chunks c
      join code_files f on f.id = c.file_id
      -- Lateral: each chunk's symbol through the file's index. A plain join lets the planner
      -- hash every symbol of the table to find twenty.
      left join lateral (
        select name, kind, container, exported, signature, start_line, end_line from code_symbols
        where file_id = c.file_id and ordinal = c.symbol_ordinal limit 1
      ) s on true
      where c.id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`),
  );
  return rows.map((row) => ({
    id: Number(row.id),
    path: row.path as string,
    language: (row.language as string | null) ?? null,
    startLine: Number(row.start_line),
    endLine: Number(row.end_line),
    content: row.content as string,
    symbolName: (row.symbol_name as string | null) ?? null,
    symbolKind: (row.symbol_kind as string | null) ?? null,
    symbolContainer: (row.symbol_container as string | null) ?? null,
    symbolExported: (row.symbol_exported as boolean | null) ?? null,
    symbolSignature: (row.symbol_signature as string | null) ?? null,
    symbolStartLine: row.symbol_start_line === null ? null : Number(row.symbol_start_line),
    symbolEndLine: row.symbol_end_line === null ? null : Number(row.symbol_end_line),
  }));
}

export type FileDetail = { id: number; path: string; language: string | null; lineCount: number };

export async function getFileDetails({ db, ids }: { db: Database; ids: number[] }): Promise<FileDetail[]> {
  if (ids.length === 0) return [];
  const rows = rowsOf<{ id: number | string; path: string; language: string | null; line_count: number }>(
    await db.execute(sql`
      select id, path, language, line_count from code_files
      where id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`),
  );
  return rows.map((row) => ({ id: Number(row.id), path: row.path, language: row.language, lineCount: row.line_count }));
}

export type SymbolDetail = {
  name: string;
  kind: string;
  container: string | null;
  exported: boolean;
  path: string;
  startLine: number;
  endLine: number;
  signature: string;
};

/** Symbols named `name` (any case) first, then those like it (trigram similarity); optionally of one kind. */
export async function findSymbolsByName({
  db,
  indexId,
  name,
  kind,
  limit,
}: {
  db: Database;
  indexId: string;
  name: string;
  kind?: string;
  limit: number;
}): Promise<SymbolDetail[]> {
  const rows = await withTrigramIndexes(db, async (tx) =>
    rowsOf<Record<string, unknown>>(
      await tx.execute(sql`
        with names as materialized (select index_id, name from code_symbol_names where name % ${name})
        select s.name, s.kind, s.container, s.exported, f.path, s.start_line, s.end_line, s.signature
        from names n
        join code_symbols s on s.index_id = n.index_id and s.name = n.name
        join code_files f on f.id = s.file_id
        where n.index_id = ${indexId} ${kind ? sql`and s.kind = ${kind}` : sql``}
        order by lower(s.name) = lower(${name}) desc, s.name = ${name} desc, similarity(s.name, ${name}) desc,
          s.exported desc, f.path, s.start_line
        limit ${limit}`),
    ),
  );
  return rows.map((row) => ({
    name: row.name as string,
    kind: row.kind as string,
    container: (row.container as string | null) ?? null,
    exported: row.exported as boolean,
    path: row.path as string,
    startLine: Number(row.start_line),
    endLine: Number(row.end_line),
    signature: row.signature as string,
  }));
}
