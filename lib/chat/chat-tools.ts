import type { Database } from "@/db/client";
import type { Project } from "@/db/schema";
import { findSymbol } from "@/lib/agents/tools/find-symbol";
import { searchCode } from "@/lib/agents/tools/search-code";
import type { ProjectCodeIndex } from "@/lib/code-index/project-code-index";
import { listProjectRuns } from "./tools/list-project-runs";
import { readProjectFile } from "./tools/read-project-file";
import { readValidation } from "./tools/read-validation";

/** What chat's model may use, all read-only and bound to the one project the person asks about. */
export function chatTools({
  db,
  project,
  codeIndex,
}: {
  db: Database;
  project: Project;
  codeIndex: ProjectCodeIndex | null;
}) {
  return {
    search_code: searchCode({ codeIndex }),
    find_symbol: findSymbol({ codeIndex }),
    read_file: readProjectFile({ db, project, commit: codeIndex?.commitSha ?? null }),
    list_runs: listProjectRuns({ db, project }),
    read_validation: readValidation({ db, project }),
  };
}
