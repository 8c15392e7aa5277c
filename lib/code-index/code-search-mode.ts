import type { Database } from "@/db/client";
import { getEmbeddingModel, type ResolvedEmbeddingModel } from "@/lib/ai/models";
import { AppError } from "@/lib/platform/errors";
import { getVectorSupport } from "./vector-support";

export type CodeSearchMode =
  | { mode: "hybrid"; embedding: ResolvedEmbeddingModel }
  | { mode: "lexical"; reason: string };

/**
 * How code search ranks: hybrid (full text, names and paths fused with embeddings) when an
 * embedding model is configured and the database has pgvector, lexical otherwise, with the
 * reason (the settings page shows it). `embedding` replaces MERGELINE_EMBEDDING_MODEL (tests).
 */
export async function codeSearchMode({
  db,
  embedding,
}: {
  db: Database;
  embedding?: ResolvedEmbeddingModel | null;
}): Promise<CodeSearchMode> {
  let model: ResolvedEmbeddingModel | null;
  try {
    model = embedding === undefined ? getEmbeddingModel() : embedding;
  } catch (error) {
    if (error instanceof AppError) return { mode: "lexical", reason: error.message };
    throw error;
  }
  if (!model) return { mode: "lexical", reason: "No embedding model is configured (MERGELINE_EMBEDDING_MODEL)" };
  const vector = await getVectorSupport(db);
  if (!vector.available) return { mode: "lexical", reason: vector.reason };
  return { mode: "hybrid", embedding: model };
}
