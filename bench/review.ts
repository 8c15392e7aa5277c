import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { figure, percentile } from "@/bench/lib/figures";
import { analyzeRevisions } from "@/lib/reviews/analyze-revisions";
import { scanSecrets } from "@/lib/reviews/scan-secrets";
import type { DiffFile } from "@/lib/reviews/types";
import { runGit } from "@/lib/workspaces/run-git";
import { packageRepository } from "@/testing/code-index/package-repository";
import { ADVISORY_FIXTURE_DIR } from "@/testing/reviews/review-fixture";

// `npm run bench -- review`: the static half of a review (everything but the model) on real
// code: lodash-es 4.17.21 from the npm registry as the base, and a PR that adds 50 lines of
// lodash's own code to each of 40 of its modules (2,000 added lines across 40 files) plus a
// lockfile change, against the fixture OSV directory. Then secretlint's recommended rules over
// 8 MB of added lines of the same code.

const FILES = 40;
const LINES_PER_FILE = 50;
const ROUNDS = 5;

export async function run(): Promise<void> {
  figure("host_load_1m", os.loadavg()[0]!, "load");
  const repo = await packageRepository({ name: "lodash-es", version: "4.17.21" });
  try {
    const base = await runGit(repo, ["rev-parse", "HEAD"]);
    const modules = fs
      .readdirSync(repo)
      .filter((file) => file.endsWith(".js") && !file.startsWith("_"))
      .sort();
    // Donor lines: real code from the package's internal modules.
    const donor = fs
      .readdirSync(repo)
      .filter((file) => file.startsWith("_base") && file.endsWith(".js"))
      .flatMap((file) => fs.readFileSync(path.join(repo, file), "utf8").split("\n"))
      .filter((line) => line.trim() && !line.startsWith("import") && !line.startsWith("export"));
    let offset = 0;
    for (const file of modules.slice(0, FILES)) {
      const full = path.join(repo, file);
      const lines = fs.readFileSync(full, "utf8").split("\n");
      const insertAt = Math.max(1, Math.floor(lines.length / 2));
      const added = donor.slice(offset, offset + LINES_PER_FILE);
      offset += LINES_PER_FILE;
      lines.splice(insertAt, 0, ...added);
      fs.writeFileSync(full, lines.join("\n"));
    }
    fs.writeFileSync(
      path.join(repo, "package-lock.json"),
      `${JSON.stringify({ name: "lodash-es", lockfileVersion: 3, packages: { "node_modules/lodash": { version: "4.17.15" } } }, null, 2)}\n`,
    );
    await runGit(repo, ["add", "--all"]);
    await runGit(repo, ["commit", "--quiet", "-m", "A PR of 2,000 lines"]);
    const head = await runGit(repo, ["rev-parse", "HEAD"]);
    const options = { complexityThreshold: 10, secretPatterns: [], advisoryDb: ADVISORY_FIXTURE_DIR };

    const timings: number[] = [];
    let last: Awaited<ReturnType<typeof analyzeRevisions>> | null = null;
    for (let round = 0; round <= ROUNDS; round++) {
      const started = performance.now();
      last = await analyzeRevisions({ gitDir: path.join(repo, ".git"), base, head, options });
      const elapsed = performance.now() - started;
      if (round === 0) figure("review_static_cold_ms", Math.round(elapsed), "ms");
      else timings.push(elapsed);
    }
    figure("review_static_ms", Math.round(percentile(timings, 50)), "ms");
    figure("review_static_p95_ms", Math.round(percentile(timings, 95)), "ms");
    figure("review_diff_files", last!.metadata.filesChanged, "files");
    figure("review_diff_added_lines", last!.metadata.added, "lines");
    figure("review_findings", last!.findings.length, "findings");

    // Secret scanning throughput: 8 MB of real code as the added lines of 40 files.
    const code = modules.map((file) => fs.readFileSync(path.join(repo, file), "utf8")).join("\n");
    const target = 8 * 1024 * 1024;
    const text = code.repeat(Math.ceil(target / code.length)).slice(0, target);
    const lines = text.split("\n");
    const perFile = Math.ceil(lines.length / FILES);
    const files: DiffFile[] = Array.from({ length: FILES }, (_, index) => {
      const chunk = lines.slice(index * perFile, (index + 1) * perFile);
      return {
        path: `src/file-${index}.js`,
        oldPath: `src/file-${index}.js`,
        status: "added",
        binary: false,
        added: chunk.length,
        removed: 0,
        addedLines: chunk.map((line, i) => ({ line: i + 1, text: line })),
        hunks: [{ start: 1, end: chunk.length }],
      };
    });
    await scanSecrets(files.slice(0, 1));
    const started = performance.now();
    await scanSecrets(files);
    const seconds = (performance.now() - started) / 1000;
    figure("secret_scan_mb_per_s", Buffer.byteLength(text) / (1024 * 1024) / seconds, "MB/s");
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
}
