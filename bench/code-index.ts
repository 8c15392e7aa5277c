import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { figure, percentile } from "./lib/figures";
import { generateSourceRepository } from "./lib/generate-source-repository";

// The code index on a generated service codebase of 5,000 files (TypeScript, JavaScript,
// Python, Go; bench/lib/source-file.ts) in a real git repository, pinned as a local project
// on an embedded PGlite data dir, lexical (no embeddings):
//   index_5k_files_s     the first sync through the product's own sync code (syncCodeIndex: the
//                        steps the sync-code-index function runs: mirror fetch, tree diff, parse
//                        on the analysis workers, writes), goal under 30 s on 2 cores
//   reindex_10_files_ms  a commit changing 10 files, synced incrementally (median of 5 commits,
//                        each after the analysis workers stopped as they do when idle), goal under 1,000
//   search_p95_ms        searchCode over the ~50,000 chunks, 24 queries of the kinds people and
//                        agents type (identifiers, words, snake_case, paths), 5 rounds, goal under 50,
//                        beside git_grep_p95_ms: the same queries through `git grep -n` on the repository
//   mcp_call_p95_ms      search_code through the official MCP SDK client over HTTP against the real
//                        /api/mcp handler (API key, audit, the REST route in-process), goal under 100;
//                        mcp_call_cpu_p95_ms beside it (client and server share this thread)
// Timings follow the machine's load: compare figures taken at a similar `host_load_1m`.
// BENCH_CODE_INDEX_FILES changes the 5,000 (the figure is then index_<n>_files_s);
// BENCH_KEEP_DATA=1 keeps the temp dir.

const FILES = Number(process.env.BENCH_CODE_INDEX_FILES ?? 5000);
const REINDEX_ROUNDS = 5;
const CHANGED_FILES = 10;
const ROUNDS = 5;

const queries = [
  "createInvoice",
  "reconcileLedger",
  "validate payment token",
  "retry webhook delivery",
  "parse_invoice",
  "NewSessionStore",
  "ErrOrderNotFound",
  "billing/invoice",
  "cart total discount",
  "OrderRepository",
  "shipment status archived",
  "apply coupon",
  "expiresAt",
  "select from orders where id",
  "subscription scheduler",
  "normalizeCarrier",
  "schedule_report",
  "cache get",
  "cannot cancel archived refund",
  "findCustomerByEmail",
  "inventory/products",
  "updateAccountStatus",
  "rounding to cents",
  "HTTPClient retries",
];

const execFileAsync = promisify(execFile);

/** A change of a file in its own language: a constant changed and a function added. */
function changeFile(repo: string, file: string, round: number): void {
  const full = path.join(repo, file);
  const source = fs.readFileSync(full, "utf8").replace(/(LIMIT|Limit) = \d+/, `$1 = ${100 + round}`);
  const name = `benchRound${round}Helper`;
  const added = file.endsWith(".py")
    ? `\n\ndef bench_round_${round}_helper(value):\n    return value * ${round + 2}\n`
    : file.endsWith(".go")
      ? `\n// ${name} scales a value.\nfunc ${name}(value float64) float64 {\n\treturn value * ${round + 2}\n}\n`
      : `\nexport function ${name}(value) {\n  return value * ${round + 2};\n}\n`;
  fs.writeFileSync(full, source + added);
}

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Wall time, and the process's CPU time, which waiting for a busy machine's cores does not inflate. */
async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const started = performance.now();
  const cpuStarted = cpuMs();
  const value = await work();
  return { ms: performance.now() - started, cpuMs: cpuMs() - cpuStarted, value };
}

/** `git grep -n` for a query as a person would type it there: every word, in any case, in one file. */
async function gitGrep(repo: string, query: string): Promise<number> {
  const words = query.split(/\s+/).filter(Boolean);
  const args = ["grep", "-n", "-I", "-i", "-F", ...(words.length > 1 ? ["--all-match"] : [])];
  for (const word of words) args.push("-e", word);
  try {
    const { stdout } = await execFileAsync("git", args, { cwd: repo, maxBuffer: 1 << 28 });
    return stdout.split("\n").length - 1;
  } catch (error) {
    // Exit code 1: no line matched.
    if ((error as { code?: number }).code === 1) return 0;
    throw error;
  }
}

export async function run(): Promise<void> {
  figure("host_load_1m", os.loadavg()[0]!, "load");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-code-index-"));
  const dataDir = path.join(root, "data");
  const repo = path.join(root, "services");
  const paths = generateSourceRepository({ dir: repo, files: FILES });
  // Before the product's modules load: they read their settings once.
  Object.assign(process.env, { MERGELINE_DATA_DIR: dataDir });
  delete process.env.MERGELINE_EMBEDDING_MODEL;

  const { openDatabase } = await import("@/db/client");
  const { migrateDatabase } = await import("@/db/migrate");
  const { setDatabaseHandle } = await import("@/db");
  const handle = openDatabase({ dataDir: path.join(dataDir, "db") });
  setDatabaseHandle(handle);
  const { closeAnalyzePool } = await import("@/lib/code-index/analyze-pool");
  let server: { url: string; close: () => Promise<void> } | undefined;
  try {
    await migrateDatabase(handle);
    const db = handle.db;
    const { createTeam } = await import("@/db/queries/teams");
    const { createProject } = await import("@/db/queries/projects");
    const { defaultProjectSettings } = await import("@/lib/projects/settings");
    const { createLocalGitProvider } = await import("@/lib/git-provider/local");
    const { syncCodeIndex } = await import("@/lib/code-index/sync-code-index");
    const { searchCode } = await import("@/lib/code-index/search-code");
    const { runGit } = await import("@/lib/workspaces/run-git");
    const team = await createTeam({ db, name: "Bench", slug: `bench-code-index-${Date.now()}` });
    const project = await createProject({
      db,
      values: {
        teamId: team.id,
        provider: "local",
        repository: repo,
        name: "services",
        settings: defaultProjectSettings(),
      },
    });
    const gitProvider = createLocalGitProvider({ db, dataDir });
    const sync = () => syncCodeIndex({ db, project, gitProvider, embedding: null });

    const first = await timed(sync);
    const index = first.value.index;
    if (first.value.indexed !== paths.length + 2 || index?.state !== "ready")
      throw new Error(`the first sync indexed ${first.value.indexed} files of ${paths.length + 2}`);
    figure(FILES === 5000 ? "index_5k_files_s" : `index_${FILES}_files_s`, first.ms / 1000, "s");
    // CPU time of every thread (the analysis workers and the database's): with 2 cores, wall time
    // cannot be under half of it; on a busy machine it is the steadier figure.
    figure("index_cpu_s", first.cpuMs / 1000, "s");
    figure("index_files", index.fileCount, "files");
    figure("index_symbols", index.symbolCount, "symbols");
    figure("index_chunks", index.chunkCount, "chunks");

    const reindexMs: number[] = [];
    for (let round = 0; round < REINDEX_ROUNDS; round++) {
      const step = Math.floor(paths.length / CHANGED_FILES);
      for (let i = 0; i < CHANGED_FILES; i++) changeFile(repo, paths[(i * step + round * 7) % paths.length]!, round);
      await runGit(repo, ["commit", "--quiet", "--all", "-m", `Change ${CHANGED_FILES} files`]);
      // A push finds the workers stopped (they stop after 30 s without work).
      await closeAnalyzePool();
      const again = await timed(sync);
      if (again.value.plan.status !== "planned" || again.value.plan.pending !== CHANGED_FILES)
        throw new Error(`a commit of ${CHANGED_FILES} files planned ${JSON.stringify(again.value.plan)}`);
      reindexMs.push(again.ms);
    }
    figure("reindex_10_files_ms", percentile(reindexMs, 50), "ms");
    figure("reindex_10_files_max_ms", Math.max(...reindexMs), "ms");

    const searchMs: number[] = [];
    const searchCpuMs: number[] = [];
    let withHits = 0;
    for (let round = -1; round < ROUNDS; round++) {
      for (const query of queries) {
        const result = await timed(() => searchCode({ db, project, query, embedding: null }));
        // The first round warms the database's caches and the code's JIT.
        if (round >= 0) {
          searchMs.push(result.ms);
          searchCpuMs.push(result.cpuMs);
        } else if (result.value.hits.length > 0) withHits++;
      }
    }
    figure("search_queries_with_hits", withHits, `of ${queries.length}`);
    figure("search_p50_ms", percentile(searchMs, 50), "ms");
    figure("search_p95_ms", percentile(searchMs, 95), "ms");
    // The embedded database runs on this thread: its CPU time per search.
    figure("search_cpu_p95_ms", percentile(searchCpuMs, 95), "ms");

    const grepMs: number[] = [];
    for (let round = -1; round < ROUNDS; round++) {
      for (const query of queries) {
        const result = await timed(() => gitGrep(repo, query));
        if (round >= 0) grepMs.push(result.ms);
      }
    }
    figure("git_grep_p50_ms", percentile(grepMs, 50), "ms");
    figure("git_grep_p95_ms", percentile(grepMs, 95), "ms");

    const { createApiKey } = await import("@/lib/api-keys");
    const { serveRoute } = await import("@/testing/webhooks/serve-route");
    const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
    const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
    const { POST } = await import("@/app/api/mcp/route");
    server = await serveRoute(() => POST);
    const token = (await createApiKey({ db, teamId: team.id, name: "bench", scopes: ["read"], createdBy: null }))
      .secret;
    const client = new Client({ name: "mergeline-bench", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    const mcpMs: number[] = [];
    const mcpCpuMs: number[] = [];
    for (let round = -1; round < ROUNDS; round++) {
      for (const query of queries) {
        const result = await timed(() =>
          client.callTool({ name: "search_code", arguments: { projectId: project.id, query } }),
        );
        if (result.value.isError) throw new Error(`search_code failed: ${JSON.stringify(result.value.content)}`);
        if (round >= 0) {
          mcpMs.push(result.ms);
          mcpCpuMs.push(result.cpuMs);
        }
      }
    }
    await client.close();
    figure("mcp_call_p50_ms", percentile(mcpMs, 50), "ms");
    figure("mcp_call_p95_ms", percentile(mcpMs, 95), "ms");
    // Client, HTTP server, handler and database all run on this thread: the CPU time per call.
    figure("mcp_call_cpu_p95_ms", percentile(mcpCpuMs, 95), "ms");
    figure("host_load_1m_after", os.loadavg()[0]!, "load");
  } finally {
    await server?.close();
    await closeAnalyzePool();
    await handle.close();
    if (process.env.BENCH_KEEP_DATA === "1") process.stderr.write(`kept ${root}\n`);
    else fs.rmSync(root, { recursive: true, force: true });
  }
}
