import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataDirUsage } from "@/lib/platform/metrics/data-dir-usage";
import { metrics } from "@/lib/platform/metrics/registry";

describe("dataDirUsage", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "mergeline-usage-"));
    // 5,000 files of 4 KiB in a node_modules-like tree, and a little elsewhere.
    for (let dir = 0; dir < 100; dir++) {
      const target = path.join(dataDir, "workspaces", "run", "node_modules", `pkg-${dir}`);
      mkdirSync(target, { recursive: true });
      for (let file = 0; file < 50; file++) writeFileSync(path.join(target, `f${file}.js`), "x".repeat(4096));
    }
    mkdirSync(path.join(dataDir, "artifacts", "run", "1"), { recursive: true });
    writeFileSync(path.join(dataDir, "artifacts", "run", "1", "shot.png"), Buffer.alloc(64 * 1024));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("measures each area of a 5,000-file tree quickly, then answers from its cache", async () => {
    const started = performance.now();
    const usage = await dataDirUsage(dataDir);
    const firstMs = performance.now() - started;
    expect(usage.bytes.workspaces).toBeGreaterThanOrEqual(5000 * 4096);
    expect(usage.bytes.artifacts).toBeGreaterThanOrEqual(64 * 1024);
    expect(usage.bytes.mirrors).toBe(0);
    expect(usage.bytes.setup_cache).toBe(0);
    expect(usage.freeBytes).toBeGreaterThan(0);
    // du over 5,000 files takes tens of milliseconds; the bound leaves room for a busy CI.
    expect(firstMs).toBeLessThan(2000);
    const again = performance.now();
    expect(await dataDirUsage(dataDir)).toBe(usage);
    expect(performance.now() - again).toBeLessThan(5);
  });

  it("is exposed on the metrics registry by area", async () => {
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^mergeline_disk_usage_bytes\{area="workspaces"\} \d+$/m);
    expect(text).toMatch(/^mergeline_disk_usage_bytes\{area="setup_cache"\} \d+$/m);
    expect(text).toMatch(/^mergeline_disk_free_bytes \d+$/m);
  });
});
