import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { projects } from "./projects";

// The code index of a project (lib/code-index): per indexed ref, its files, the symbols
// tree-sitter found in them and the chunks search ranks. Embeddings live in a table of
// their own, made at start only where pgvector is available (db/queries/code-embeddings.ts).

/** Postgres full-text search's document type; written with to_tsvector, read only by queries. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const codeIndexStates = ["pending", "indexing", "ready", "failed"] as const;
export type CodeIndexState = (typeof codeIndexStates)[number];
export const codeIndexState = pgEnum("code_index_state", codeIndexStates);

export const codeIndexes = pgTable(
  "code_indexes",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    // The branch indexed: the project's default branch, or a run's branch on demand.
    ref: text().notNull(),
    state: codeIndexState().notNull().default("pending"),
    // The commit the rows describe (null until a first sync ends) and the one being indexed.
    commitSha: text(),
    targetSha: text(),
    fileCount: integer().notNull().default(0),
    symbolCount: integer().notNull().default(0),
    chunkCount: integer().notNull().default(0),
    // Progress of the sync under way: files indexed of the files that changed.
    progressDone: integer().notNull().default(0),
    progressTotal: integer().notNull().default(0),
    // The embedding model of the last sync that embedded chunks (null: lexical only).
    embeddingModel: text(),
    error: text(),
    syncedAt: timestamp({ withTimezone: true }),
    // Indexes of run branches that nobody searched for a while are removed by the clean-up.
    searchedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [unique().on(table.projectId, table.ref)],
);

export const codeFiles = pgTable(
  "code_files",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    indexId: uuid()
      .notNull()
      .references(() => codeIndexes.id, { onDelete: "cascade" }),
    path: text().notNull(),
    language: text(),
    // git's blob id: an unchanged blob is not read or parsed again.
    blobSha: text().notNull(),
    sizeBytes: integer().notNull(),
    lineCount: integer().notNull(),
    symbolCount: integer().notNull().default(0),
    // Why the file is only partly indexed (syntax errors, too large...), shown on the project page.
    error: text(),
  },
  (table) => [
    unique().on(table.indexId, table.path),
    index("code_files_path_trgm").using("gin", table.path.op("gin_trgm_ops")),
  ],
);

export const codeSymbols = pgTable(
  "code_symbols",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    indexId: uuid()
      .notNull()
      .references(() => codeIndexes.id, { onDelete: "cascade" }),
    fileId: bigint({ mode: "number" })
      .notNull()
      .references(() => codeFiles.id, { onDelete: "cascade" }),
    // Position in the file's symbol list: chunks name their symbol by it, so an index copied
    // for a branch needs no id mapping beyond its files.
    ordinal: integer().notNull(),
    name: text().notNull(),
    kind: text().notNull(),
    container: text(),
    exported: boolean().notNull().default(false),
    startLine: integer().notNull(),
    endLine: integer().notNull(),
    signature: text().notNull(),
  },
  (table) => [index().on(table.indexId, table.name), index().on(table.fileId)],
);

/**
 * The distinct symbol names of an index, for trigram search by name: code repeats names
 * (a generated 5,000-file service has 61,000 symbols and 10,800 names), and the trigram
 * index's cost grows with the rows it lists. Matches join back to code_symbols by
 * (index_id, name). Kept by db/queries/code-files.ts as files are written and deleted.
 */
export const codeSymbolNames = pgTable(
  "code_symbol_names",
  {
    indexId: uuid()
      .notNull()
      .references(() => codeIndexes.id, { onDelete: "cascade" }),
    name: text().notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.indexId, table.name] }),
    index("code_symbol_names_name_trgm").using("gin", table.name.op("gin_trgm_ops")),
  ],
);

export const codeChunks = pgTable(
  "code_chunks",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    indexId: uuid()
      .notNull()
      .references(() => codeIndexes.id, { onDelete: "cascade" }),
    fileId: bigint({ mode: "number" })
      .notNull()
      .references(() => codeFiles.id, { onDelete: "cascade" }),
    symbolOrdinal: integer(),
    startLine: integer().notNull(),
    endLine: integer().notNull(),
    content: text().notNull(),
    // SHA-256 of what is embedded: embeddings are stored by it, so identical chunks (another
    // branch, an unchanged function of an edited file) are embedded once.
    contentSha: text().notNull(),
    search: tsvector().notNull(),
  },
  (table) => [
    index().on(table.fileId),
    index().on(table.contentSha),
    index("code_chunks_search").using("gin", table.search),
  ],
);

export type CodeIndex = typeof codeIndexes.$inferSelect;
export type CodeFile = typeof codeFiles.$inferSelect;
export type CodeSymbol = typeof codeSymbols.$inferSelect;
export type CodeChunk = typeof codeChunks.$inferSelect;
export type CodeSymbolName = typeof codeSymbolNames.$inferSelect;
