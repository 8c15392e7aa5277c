import type { Database } from "@/db/client";
import { ensureEmbeddingTable, isVectorExtensionAvailable } from "@/db/queries/code-embeddings";
import { logger } from "@/lib/platform/logger";

export type VectorSupport = { available: true } | { available: false; reason: string };

// Detected once per database handle and process (at start, scripts/serve-app.ts asks).
const detected = new WeakMap<Database, Promise<VectorSupport>>();

async function detect(db: Database): Promise<VectorSupport> {
  if (!(await isVectorExtensionAvailable({ db })))
    return {
      available: false,
      reason: "The database has no pgvector (its `vector` extension is not installed on the server)",
    };
  try {
    await ensureEmbeddingTable({ db });
    return { available: true };
  } catch (error) {
    logger.warn({ err: error }, "pgvector is installed but the embeddings table could not be made");
    return {
      available: false,
      reason: `pgvector is installed but could not be enabled: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * Whether embeddings can be stored and searched: pgvector available and its table made.
 * Embedded PGlite loads pgvector (db/client.ts); on Postgres it depends on the server.
 */
export function getVectorSupport(db: Database): Promise<VectorSupport> {
  let support = detected.get(db);
  if (!support) {
    support = detect(db);
    detected.set(db, support);
  }
  return support;
}
