import { getDb } from "@/db";
import { getCodeIndex } from "@/db/queries/code-index";
import { getProjectById } from "@/db/queries/projects";
import { codeSearchMode } from "@/lib/code-index/code-search-mode";
import { embedPendingChunks } from "@/lib/code-index/embed-pending-chunks";
import { failCodeIndexSync } from "@/lib/code-index/fail-code-index-sync";
import { finishCodeIndexSync } from "@/lib/code-index/finish-code-index-sync";
import { indexPendingFiles } from "@/lib/code-index/index-pending-files";
import { planCodeIndexSync } from "@/lib/code-index/plan-code-index-sync";
import { inngest } from "@/lib/inngest/client";
import { codeIndexSyncRequested } from "@/lib/inngest/events";
import { AppError } from "@/lib/platform/errors";

// Brings a project's code index of a ref to the ref's head: plan (fetch, diff by blob id,
// drop deleted files), then steps of up to 2,000 changed files each, then embeddings when
// configured, then finish. Each step reads what is left from the database, so a retried or
// resumed step carries on where the last one stopped. One sync per project at a time.
export const syncCodeIndexFunction = inngest.createFunction(
  {
    id: "sync-code-index",
    triggers: [codeIndexSyncRequested],
    concurrency: [{ limit: 1, key: "event.data.projectId" }],
    retries: 2,
    onFailure: async ({ event, error, step }) => {
      const { projectId, ref } = event.data.event.data;
      await step.run("mark-failed", async () => {
        const db = getDb();
        const project = await getProjectById({ db, id: projectId });
        const index = project && (await getCodeIndex({ db, projectId, ref: ref ?? project.defaultBranch }));
        if (index) await failCodeIndexSync({ db, indexId: index.id, error: error.message });
      });
    },
  },
  async ({ event, step }) => {
    const { projectId, ref, full } = event.data;
    const plan = await step.run("plan-sync", async () => {
      const db = getDb();
      const project = await getProjectById({ db, id: projectId });
      if (!project?.pinned) return { status: "skipped" as const, reason: "The project is not pinned" };
      return planCodeIndexSync({ db, project, ref, full });
    });
    if (plan.status !== "planned") return plan;
    const { indexId, commit } = plan;
    const loadProject = async () => {
      const project = await getProjectById({ db: getDb(), id: projectId });
      if (!project) throw new AppError("not_found:project", "The project was deleted during the sync");
      return project;
    };

    let indexed = 0;
    for (let batch = 1; ; batch++) {
      const done = await step.run(`index-files-${batch}`, async () =>
        indexPendingFiles({ db: getDb(), project: await loadProject(), indexId, commit }),
      );
      indexed += done.indexed;
      if (done.remaining === 0 || done.indexed === 0) break;
    }

    let embeddingModel: string | null = null;
    for (let batch = 1; ; batch++) {
      const done = await step.run(`embed-chunks-${batch}`, async () => {
        const mode = await codeSearchMode({ db: getDb() });
        if (mode.mode !== "hybrid") return { embedded: 0, remaining: 0, model: null };
        const result = await embedPendingChunks({ db: getDb(), indexId, embedding: mode.embedding, batchSize: 256 });
        return { ...result, model: mode.embedding.id };
      });
      embeddingModel = done.model;
      if (done.remaining === 0 || done.embedded === 0) break;
    }

    const index = await step.run("finish-sync", async () => {
      const finished = await finishCodeIndexSync({ db: getDb(), indexId, commit, embeddingModel });
      return (
        finished && {
          fileCount: finished.fileCount,
          symbolCount: finished.symbolCount,
          chunkCount: finished.chunkCount,
        }
      );
    });
    return { ...plan, indexed, embeddingModel, index };
  },
);
