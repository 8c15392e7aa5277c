import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { isVectorExtensionAvailable } from "@/db/queries/code-embeddings";
import { createProject } from "@/db/queries/projects";
import { createTeam } from "@/db/queries/teams";
import { codeIndexes, codeSymbolNames, type Project } from "@/db/schema";
import { getEmbeddingModel, type ResolvedEmbeddingModel } from "@/lib/ai/models";
import { createLocalGitProvider } from "@/lib/git-provider/local";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { startFakeEmbeddingsServer } from "@/testing/ai/fake-embeddings-server";
import { createTestDatabase } from "@/testing/database";
import { commitOnCheckout, makeRepository, makeTempDir } from "@/testing/local-project";
import { runGit } from "@/lib/workspaces/run-git";
import { closeAnalyzePool } from "./analyze-pool";
import { codeSearchMode } from "./code-search-mode";
import { findSymbol } from "./find-symbol";
import { searchCode } from "./search-code";
import { syncCodeIndex } from "./sync-code-index";

// Search on the embedded database with pgvector, without it, and on Postgres (DATABASE_URL,
// `npm run test:db`), where Debian's Postgres 15 has no pgvector: lexical there, by design.

const files = {
  "src/cart.ts": [
    "export type Item = { sku: string; price: number; quantity: number };", // 1
    "", // 2
    "/** The sum of every line's price times its quantity. */", // 3
    "export function cartTotal(items: Item[]): number {", // 4
    "  return items.reduce((sum, item) => sum + item.price * item.quantity, 0);", // 5
    "}", // 6
    "", // 7
    "export class ShoppingCart {", // 8
    "  private items: Item[] = [];", // 9
    "  addItem(item: Item) {", // 10
    "    this.items.push(item);", // 11
    "  }", // 12
    "}", // 13
  ].join("\n"),
  "src/pricing/discount.py": [
    "class DiscountRule:", // 1
    '    """A percentage taken off a price."""', // 2
    "    def __init__(self, percent):", // 3
    "        self.percent = percent", // 4
    "", // 5
    "def apply_discount(price, percent):", // 6
    "    return price * (100 - percent) / 100", // 7
  ].join("\n"),
  "server/handler.go": [
    "package server", // 1
    "", // 2
    "type Order struct {", // 3
    "\tID string", // 4
    "}", // 5
    "", // 6
    "func HandleCheckout(order Order) error {", // 7
    "\treturn nil", // 8
    "}", // 9
  ].join("\n"),
  "README.md": "# Shop\n\nA checkout service: carts, discounts and orders.\n",
};

async function indexedProject(handle: DatabaseHandle, embedding: ResolvedEmbeddingModel | null) {
  const root = await makeTempDir("mergeline-search-");
  const repo = await makeRepository(root, files);
  const team = await createTeam({ db: handle.db, name: "Team", slug: `t-${path.basename(root)}` });
  const project: Project = await createProject({
    db: handle.db,
    values: { teamId: team.id, provider: "local", repository: repo, name: "shop", settings: defaultProjectSettings() },
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-search-data-"));
  const outcome = await syncCodeIndex({
    db: handle.db,
    project,
    embedding,
    gitProvider: createLocalGitProvider({ db: handle.db, dataDir }),
  });
  return { project, outcome, repo, dataDir };
}

let embeddings: Awaited<ReturnType<typeof startFakeEmbeddingsServer>>;
let embedding: ResolvedEmbeddingModel;

beforeAll(async () => {
  embeddings = await startFakeEmbeddingsServer();
  embedding = getEmbeddingModel({
    config: {
      defaultModel: "scripted",
      embeddingModel: "openai-compatible:trigram-stand-in",
      openaiBaseUrl: embeddings.baseUrl,
    },
  })!;
});
afterAll(async () => {
  await closeAnalyzePool();
  await embeddings?.close();
});

describe("lexical search", () => {
  let handle: DatabaseHandle;
  let project: Project;
  beforeAll(async () => {
    handle = await createTestDatabase();
    ({ project } = await indexedProject(handle, null));
  });
  afterAll(() => handle?.close());

  const search = (query: string, kind?: "symbol" | "chunk" | "file") =>
    searchCode({ db: handle.db, project, query, kind, embedding: null });

  it("finds a symbol by its name, with its lines and the terms marked", async () => {
    const result = await search("cartTotal");
    expect(result.mode).toBe("lexical");
    expect(result.hits[0]).toMatchObject({
      kind: "symbol",
      path: "src/cart.ts",
      startLine: 4,
      endLine: 6,
      language: "typescript",
      symbol: { name: "cartTotal", kind: "function", exported: true },
    });
    const snippet = result.hits[0]!.snippet!;
    expect(snippet.startLine).toBe(3);
    const [line, from, to] = snippet.highlights.find(([index]) => snippet.lines[index]!.includes("function"))!;
    expect(snippet.lines[line]!.slice(from, to)).toBe("cartTotal");
  });

  it("finds identifiers from the words in them, in every language", async () => {
    expect((await search("apply discount")).hits[0]).toMatchObject({
      path: "src/pricing/discount.py",
      startLine: 6,
      symbol: { name: "apply_discount" },
    });
    expect((await search("checkout order")).hits.map((hit) => hit.symbol?.name)).toContain("HandleCheckout");
    expect((await search("shopping cart")).hits[0]).toMatchObject({ symbol: { name: "ShoppingCart", kind: "class" } });
  });

  it("filters by kind: symbols, chunks outside symbols, files", async () => {
    const symbols = await search("checkout", "symbol");
    expect(symbols.hits.length).toBeGreaterThan(0);
    expect(symbols.hits.every((hit) => hit.kind === "symbol")).toBe(true);
    const chunks = await search("checkout", "chunk");
    expect(chunks.hits.map((hit) => hit.path)).toEqual(["README.md"]);
    const paths = await search("discount", "file");
    expect(paths.hits).toEqual([expect.objectContaining({ kind: "file", path: "src/pricing/discount.py" })]);
  });

  it("finds symbols by name and kind", async () => {
    expect(await findSymbol({ db: handle.db, project, name: "order", kind: "struct" })).toEqual([
      expect.objectContaining({ name: "Order", path: "server/handler.go", startLine: 3, endLine: 5 }),
    ]);
    expect(await findSymbol({ db: handle.db, project, name: "nothing-like-this" })).toEqual([]);
  });

  it("puts the chunks with most of the words first when no chunk has them all", async () => {
    // No chunk says "zebra": cartTotal has the other two, and comes before chunks with one.
    const result = await search("cart price zebra");
    expect(result.hits[0]).toMatchObject({ symbol: { name: "cartTotal" } });
    expect(result.hits[0]!.matchedBy).toContain("text");
  });

  it("answers a query that matches nothing, or has no words, with no hits", async () => {
    expect((await search("zebra")).hits).toEqual([]);
    expect((await search("!!!")).hits).toEqual([]);
  });
});

describe("hybrid search, where the database has pgvector", () => {
  let handle: DatabaseHandle;
  let project: Project;
  let vector: boolean;
  beforeAll(async () => {
    handle = await createTestDatabase();
    vector = await isVectorExtensionAvailable({ db: handle.db });
    ({ project } = await indexedProject(handle, embedding));
  });
  afterAll(() => handle?.close());

  it("embeds the chunks and fuses the nearest ones into the results (lexical where pgvector is missing)", async () => {
    // The embedded database always has it; Debian's Postgres 15 does not.
    if (handle.kind === "pglite") expect(vector).toBe(true);
    const mode = await codeSearchMode({ db: handle.db, embedding });
    const result = await searchCode({ db: handle.db, project, query: "discont", embedding });
    if (vector) {
      expect(mode.mode).toBe("hybrid");
      expect(embeddings.requests.some((request) => request.inputs > 1)).toBe(true);
      // A misspelling full text cannot match: found by its embedding (and trigram similarity of names).
      expect(result.hits[0]).toMatchObject({ path: "src/pricing/discount.py" });
      expect(result.hits[0]!.matchedBy).toContain("vector");
      expect(result.hits.flatMap((hit) => hit.matchedBy)).not.toContain("text");
      const exact = await searchCode({ db: handle.db, project, query: "cartTotal", embedding });
      expect(exact.hits[0]).toMatchObject({ symbol: { name: "cartTotal" } });
      expect(exact.hits[0]!.matchedBy).toEqual(expect.arrayContaining(["text", "name", "vector"]));
    } else {
      expect(mode).toMatchObject({ mode: "lexical", reason: expect.stringContaining("pgvector") });
      expect(result.mode).toBe("lexical");
      expect(result.hits.flatMap((hit) => hit.matchedBy)).not.toContain("vector");
    }
  });
});

describe("an embedded database opened without pgvector", () => {
  let handle: DatabaseHandle;
  let project: Project;
  beforeAll(async () => {
    handle = await createTestDatabase({ vector: false });
    ({ project } = await indexedProject(handle, embedding));
  });
  afterAll(() => handle?.close());

  it("searches lexically and says why", async () => {
    if (handle.kind === "pglite") expect(await isVectorExtensionAvailable({ db: handle.db })).toBe(false);
    const mode = await codeSearchMode({ db: handle.db, embedding });
    expect(mode).toMatchObject({ mode: "lexical", reason: expect.stringContaining("pgvector") });
    const result = await searchCode({ db: handle.db, project, query: "apply discount", embedding });
    expect(result.mode).toBe("lexical");
    expect(result.hits[0]).toMatchObject({ symbol: { name: "apply_discount" }, matchedBy: ["text", "name"] });
  });
});

describe("the symbol names search matches", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle?.close());

  const namesOf = async (indexId: string) =>
    (
      await handle.db
        .select({ name: codeSymbolNames.name })
        .from(codeSymbolNames)
        .where(eq(codeSymbolNames.indexId, indexId))
    )
      .map((row) => row.name)
      .sort();

  it("follow the code: a renamed or deleted symbol's name goes, a name another file still has stays, a branch has its own", async () => {
    const { project, repo, dataDir } = await indexedProject(handle, null);
    const sync = (ref?: string) =>
      syncCodeIndex({
        db: handle.db,
        project,
        ref,
        embedding: null,
        gitProvider: createLocalGitProvider({ db: handle.db, dataDir }),
      });
    const defaultIndex = async () =>
      (
        await handle.db
          .select()
          .from(codeIndexes)
          .where(and(eq(codeIndexes.projectId, project.id), eq(codeIndexes.ref, "main")))
      )[0]!;
    const first = await namesOf((await defaultIndex()).id);
    expect(first).toEqual(expect.arrayContaining(["cartTotal", "ShoppingCart", "apply_discount", "HandleCheckout"]));

    await runGit(repo, ["rm", "--quiet", "server/handler.go"]);
    await commitOnCheckout(
      repo,
      {
        "src/cart.ts": files["src/cart.ts"]!.replace("cartTotal", "basketTotal"),
        // A second file with a symbol named Item: the name stays while one of them has it.
        "src/item.ts": "export type Item = { sku: string };\n",
      },
      "Rename cartTotal, delete the Go handler",
    );
    await sync();
    const names = await namesOf((await defaultIndex()).id);
    expect(names).toContain("basketTotal");
    expect(names).not.toContain("cartTotal");
    expect(names).not.toContain("HandleCheckout");
    expect(names.filter((name) => name === "Item")).toHaveLength(1);
    expect((await searchCode({ db: handle.db, project, query: "basketTotal", embedding: null })).hits[0]).toMatchObject(
      { symbol: { name: "basketTotal" }, matchedBy: expect.arrayContaining(["name"]) },
    );

    await runGit(repo, ["branch", "feature"]);
    const branch = await sync("feature");
    expect(await namesOf(branch.index!.id)).toEqual(names);
  });
});
