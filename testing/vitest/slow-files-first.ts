import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// Files that take minutes (each drives a whole product through faults or real packages). On a
// fresh clone vitest has no timings yet and orders files by size, so these small files would
// start last and the suite would end waiting on one of them while the other workers idle.
// Started first, they run beside everything else. Longest first.
export const slowFiles = [
  "scripts/launcher-faults.db.test.ts",
  "lib/instances/several-instances.db.test.ts",
  "inngest/functions/pipeline-real-packages.db.test.ts",
  "app/api/v1/api-fuzz.db.test.ts",
  "lib/agents/backends/cli-agents.test.ts",
  "lib/git-provider/github/merge-github-pull-request.db.test.ts",
];

/** Vitest's own order (failed and slow first once it has timings), with the known slow files ahead of it. */
export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = slowFiles.indexOf(path.relative(this.ctx.config.root, file.moduleId).split(path.sep).join("/"));
      return index === -1 ? slowFiles.length : index;
    };
    // Array.prototype.sort is stable: the rest keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
