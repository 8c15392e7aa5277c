import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { rowsOf } from "./rows-of";

// Embeddings of code chunks, by model and by the SHA-256 of what was embedded (a chunk's
// contentSha), so identical chunks of any index share one. The table needs pgvector, which
// not every Postgres has: it is made at start where the extension is available
// (lib/code-index/vector-support.ts), never by a migration, so the migrations stay the same
// everywhere. Distances are computed exactly within one index's chunks.

/** Whether the server can load pgvector (`vector` among the available extensions). */
export async function isVectorExtensionAvailable({ db }: { db: Database }): Promise<boolean> {
  const rows = rowsOf<{ available: boolean }>(
    await db.execute(sql`select exists (select 1 from pg_available_extensions where name = 'vector') as available`),
  );
  return rows[0]?.available === true;
}

/** Creates the extension and the embeddings table when missing. */
export async function ensureEmbeddingTable({ db }: { db: Database }): Promise<void> {
  await db.execute(sql`create extension if not exists vector`);
  await db.execute(sql`
    create table if not exists code_embeddings (
      model text not null,
      content_sha text not null,
      embedding vector not null,
      created_at timestamp with time zone not null default now(),
      primary key (model, content_sha)
    )`);
}

export type ChunkToEmbed = {
  contentSha: string;
  path: string;
  content: string;
  symbolKind: string | null;
  symbolName: string | null;
  symbolContainer: string | null;
};

/** Chunks of the index with no embedding of `model` yet, one per distinct content. */
export async function listChunksToEmbed({
  db,
  indexId,
  model,
  limit,
}: {
  db: Database;
  indexId: string;
  model: string;
  limit: number;
}): Promise<ChunkToEmbed[]> {
  const rows = rowsOf<Record<string, string | null>>(
    await db.execute(sql`
      select distinct on (c.content_sha) c.content_sha, f.path, c.content,
        s.kind as symbol_kind, s.name as symbol_name, s.container as symbol_container
      from code_chunks c
      join code_files f on f.id = c.file_id
      left join code_symbols s on s.file_id = c.file_id and s.ordinal = c.symbol_ordinal
      where c.index_id = ${indexId}
        and not exists (select 1 from code_embeddings e where e.model = ${model} and e.content_sha = c.content_sha)
      order by c.content_sha
      limit ${limit}`),
  );
  return rows.map((row) => ({
    contentSha: row.content_sha!,
    path: row.path!,
    content: row.content!,
    symbolKind: row.symbol_kind ?? null,
    symbolName: row.symbol_name ?? null,
    symbolContainer: row.symbol_container ?? null,
  }));
}

export async function countChunksToEmbed({ db, indexId, model }: { db: Database; indexId: string; model: string }) {
  const rows = rowsOf<{ count: number | string }>(
    await db.execute(sql`
      select count(distinct c.content_sha) as count from code_chunks c
      where c.index_id = ${indexId}
        and not exists (select 1 from code_embeddings e where e.model = ${model} and e.content_sha = c.content_sha)`),
  );
  return Number(rows[0]?.count ?? 0);
}

export async function insertEmbeddings({
  db,
  model,
  embeddings,
}: {
  db: Database;
  model: string;
  embeddings: { contentSha: string; embedding: number[] }[];
}): Promise<void> {
  if (embeddings.length === 0) return;
  const values = embeddings.map((row) => sql`(${model}, ${row.contentSha}, ${JSON.stringify(row.embedding)}::vector)`);
  await db.execute(sql`
    insert into code_embeddings (model, content_sha, embedding)
    values ${sql.join(values, sql`, `)}
    on conflict do nothing`);
}

/** The index's chunks nearest to `embedding` (cosine distance), nearest first. */
export async function searchChunksByVector({
  db,
  indexId,
  model,
  embedding,
  kind,
  limit,
}: {
  db: Database;
  indexId: string;
  model: string;
  embedding: number[];
  kind?: "symbol" | "chunk";
  limit: number;
}): Promise<number[]> {
  const rows = rowsOf<{ id: number | string }>(
    await db.execute(sql`
      select c.id
      from code_chunks c
      join code_embeddings e on e.model = ${model} and e.content_sha = c.content_sha
      where c.index_id = ${indexId}
        ${kind === "symbol" ? sql`and c.symbol_ordinal is not null` : kind === "chunk" ? sql`and c.symbol_ordinal is null` : sql``}
        and vector_dims(e.embedding) = ${embedding.length}
      order by e.embedding <=> ${JSON.stringify(embedding)}::vector, c.id
      limit ${limit}`),
  );
  return rows.map((row) => Number(row.id));
}

/** Embeddings no chunk of any index has any more (code deleted or changed). */
export async function deleteUnusedEmbeddings({ db }: { db: Database }): Promise<number> {
  const rows = rowsOf<{ model: string }>(
    await db.execute(sql`
      delete from code_embeddings e
      where not exists (select 1 from code_chunks c where c.content_sha = e.content_sha)
      returning e.model`),
  );
  return rows.length;
}
