import type { CodeContext, TaskInput } from "@/lib/agents/prompts";
import type { ProjectCodeIndex } from "@/lib/code-index/project-code-index";
import { logger } from "@/lib/platform/logger";

const MAX_PIECES = 8;
const MAX_QUERY_CHARS = 500;

/**
 * The code the project's index ranks highest for a task (its goal, then its requirements),
 * for the planner's prompt. The index is a help, not a need: without one, or when it
 * fails, the planner plans from the repository overview alone.
 */
export async function relevantCode({
  codeIndex,
  task,
}: {
  codeIndex: ProjectCodeIndex | null;
  task: TaskInput;
}): Promise<CodeContext> {
  if (!codeIndex) return [];
  const query = [task.goal, task.issue?.title, task.requirements].filter(Boolean).join(" ").slice(0, MAX_QUERY_CHARS);
  try {
    const result = await codeIndex.search(query, { limit: MAX_PIECES * 2, includeContent: true });
    return result.hits
      .filter((hit) => hit.kind !== "file" && hit.content)
      .slice(0, MAX_PIECES)
      .map((hit) => ({
        location: `${hit.path}:${hit.startLine}-${hit.endLine}`,
        ...(hit.symbol ? { symbol: `${hit.symbol.kind} ${hit.symbol.name}` } : {}),
        content: hit.content!,
      }));
  } catch (error) {
    logger.warn({ err: error }, "the code index could not be searched for the plan");
    return [];
  }
}
