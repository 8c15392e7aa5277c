import type { Project } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";

/** Runs start only on pinned projects: an unpinned card is one a person took off the board. */
export function assertProjectPinned(project: Project): void {
  if (!project.pinned) {
    throw new AppError(
      "conflict:project_unpinned",
      "The project is unpinned; pin its repository again (POST /api/v1/projects) to start runs",
    );
  }
}
