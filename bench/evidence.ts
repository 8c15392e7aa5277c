import fs from "node:fs";
import os from "node:os";
import { parseTestOutput } from "@/lib/validation/evidence/parse-test-output";
import { loadCorpus } from "@/testing/fixtures/evidence/load-corpus";
import { figure, percentile } from "./lib/figures";

// Over the recorded corpus (testing/fixtures/evidence: real outputs of real runners), the
// recall and precision of the failing test names parseTestOutput finds against each entry's
// expected.json, then the time to parse a 5 MB output: each entry's output repeated to 5 MB
// (one runner's long run: `evidence_parse_ms_*`), and all entries' outputs in turn to 5 MB (every
// parser at work on one output: `evidence_parse_mixed_ms_p95`, the worst case). Timings on a
// shared machine follow its load: compare figures taken at a similar `host_load_1m`;
// `evidence_parse_cpu_ms_mean` is the main thread's CPU time per parse, which waiting for a core
// does not count.

const SIZE = 5 * 1024 * 1024;
const ROUNDS_PER_ENTRY = 3;
const MIXED_ROUNDS = 15;

function repeatedTo(size: number, outputs: string[]): string {
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    for (const output of outputs) {
      parts.push(output);
      length += output.length + 1;
    }
  }
  return parts.join("\n").slice(0, size);
}

/** CPU time of this thread in ms (Linux), which waiting for a busy machine's cores does not inflate. */
function threadCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync("/proc/thread-self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

function timed(output: string): number {
  const start = performance.now();
  parseTestOutput(output);
  return performance.now() - start;
}

export async function run(): Promise<void> {
  const corpus = loadCorpus();
  let found = 0;
  let correct = 0;
  let wanted = 0;
  for (const entry of corpus) {
    const parsed = parseTestOutput(entry.output, { junitReports: entry.junitReports });
    const expected = new Set(entry.expected.failing.map((test) => test.name));
    const names = new Set(parsed.failing.map((test) => test.name));
    wanted += expected.size;
    found += names.size;
    for (const name of names) if (expected.has(name)) correct++;
  }
  figure("evidence_recall", wanted === 0 ? 1 : correct / wanted, "ratio");
  figure("evidence_precision", found === 0 ? 1 : correct / found, "ratio");
  figure("evidence_corpus_entries", corpus.length, "entries");

  const samples: number[] = [];
  let cpuMs = 0;
  for (const entry of corpus) {
    const output = repeatedTo(SIZE, [entry.output]);
    timed(output);
    const cpuBefore = threadCpuMs();
    for (let i = 0; i < ROUNDS_PER_ENTRY; i++) samples.push(timed(output));
    const cpuAfter = threadCpuMs();
    if (cpuBefore !== undefined && cpuAfter !== undefined) cpuMs += cpuAfter - cpuBefore;
  }
  figure("host_load_1m", os.loadavg()[0]!, "load");
  figure("evidence_parse_ms_p50", percentile(samples, 50), "ms");
  figure("evidence_parse_ms_p95", percentile(samples, 95), "ms");
  if (cpuMs > 0) figure("evidence_parse_cpu_ms_mean", cpuMs / samples.length, "ms");

  const mixed = repeatedTo(
    SIZE,
    corpus.map((entry) => entry.output),
  );
  for (let i = 0; i < 3; i++) timed(mixed);
  const mixedSamples = Array.from({ length: MIXED_ROUNDS }, () => timed(mixed));
  figure("evidence_parse_mixed_ms_p95", percentile(mixedSamples, 95), "ms");
}
