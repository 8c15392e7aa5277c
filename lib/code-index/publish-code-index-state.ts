import type { CodeIndex } from "@/db/schema";
import { publish } from "@/lib/platform/realtime";

/** Tells the project's open pages that its index changed (the project page shows its state and progress). */
export async function publishCodeIndexState(index: CodeIndex): Promise<void> {
  await publish({
    type: "project.status.updated",
    projectId: index.projectId,
    data: {
      event: "code_index.updated",
      ref: index.ref,
      state: index.state,
      progressDone: index.progressDone,
      progressTotal: index.progressTotal,
    },
  });
}
