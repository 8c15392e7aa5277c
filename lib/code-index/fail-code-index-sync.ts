import type { Database } from "@/db/client";
import { updateCodeIndex } from "@/db/queries/code-index";
import { publishCodeIndexState } from "./publish-code-index-state";

/** A sync that could not finish: the index says why; the rows of its last sync still answer searches. */
export async function failCodeIndexSync({ db, indexId, error }: { db: Database; indexId: string; error: string }) {
  const index = await updateCodeIndex({
    db,
    id: indexId,
    values: { state: "failed", error: error.slice(0, 2000), targetSha: null },
  });
  if (index) await publishCodeIndexState(index);
}
