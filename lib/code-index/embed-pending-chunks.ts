import { embedMany } from "ai";
import type { Database } from "@/db/client";
import { countChunksToEmbed, insertEmbeddings, listChunksToEmbed } from "@/db/queries/code-embeddings";
import type { ResolvedEmbeddingModel } from "@/lib/ai/models";
import { embeddingInput } from "./embedding-input";

// Inputs are cut to about 2,000 tokens: embedding models take 8k at most, and a chunk's
// start (its signature, its doc comment) says most of what it is.
const MAX_INPUT_CHARS = 8000;

/** Embeds the next chunks of the index that have no embedding of the model yet; says how many remain. */
export async function embedPendingChunks({
  db,
  indexId,
  embedding,
  batchSize = 128,
  signal,
}: {
  db: Database;
  indexId: string;
  embedding: ResolvedEmbeddingModel;
  batchSize?: number;
  signal?: AbortSignal;
}): Promise<{ embedded: number; remaining: number }> {
  const chunks = await listChunksToEmbed({ db, indexId, model: embedding.id, limit: batchSize });
  if (chunks.length === 0) return { embedded: 0, remaining: 0 };
  const values = chunks.map((chunk) =>
    embeddingInput({
      path: chunk.path,
      symbol:
        chunk.symbolKind && chunk.symbolName
          ? { kind: chunk.symbolKind, name: chunk.symbolName, container: chunk.symbolContainer }
          : null,
      content: chunk.content,
    }).slice(0, MAX_INPUT_CHARS),
  );
  const { embeddings } = await embedMany({ model: embedding.model, values, maxParallelCalls: 2, abortSignal: signal });
  await insertEmbeddings({
    db,
    model: embedding.id,
    embeddings: chunks.map((chunk, i) => ({ contentSha: chunk.contentSha, embedding: embeddings[i]! })),
  });
  return { embedded: chunks.length, remaining: await countChunksToEmbed({ db, indexId, model: embedding.id }) };
}
