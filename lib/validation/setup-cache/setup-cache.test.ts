import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SetupCache } from "@/lib/validation/setup-cache/setup-cache";

let root: string;
beforeEach(async () => {
  root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), "mergeline-setup-cache-")));
});
afterEach(() => fs.rm(root, { recursive: true, force: true }));

const KB = 1024;
// Without spares, so that no background copy changes sizes while a test looks.
const newCache = (maxBytes: number) => new SetupCache({ dir: path.join(root, "cache"), maxBytes, spares: 0 });
const key = (n: number) => n.toString(16).padStart(40, "0");

/** A workspace holding what an install would leave: a package dir with a bin symlink, a file. */
async function makeWorkspace(name: string, size = 4 * KB): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(path.join(dir, "node_modules", "dep"), { recursive: true });
  await fs.mkdir(path.join(dir, "node_modules", ".bin"), { recursive: true });
  await fs.writeFile(path.join(dir, "node_modules", "dep", "index.js"), "x".repeat(size));
  await fs.symlink("../dep/index.js", path.join(dir, "node_modules", ".bin", "dep"));
  await fs.writeFile(path.join(dir, "build-info.txt"), "built\n");
  return dir;
}

const emptyDir = async (name: string) => {
  const dir = path.join(root, name);
  await fs.mkdir(dir, { recursive: true });
  return dir;
};

describe("SetupCache", () => {
  it("saves paths and restores them into another workspace, symlinks as symlinks, as independent copies", async () => {
    const cache = newCache(10 * 1024 * KB);
    const source = await makeWorkspace("a");
    expect(await cache.save({ key: key(1), workspace: source, paths: ["build-info.txt", "node_modules"] })).toBe(
      "saved",
    );
    const target = await emptyDir("b");
    const manifest = await cache.restore({ key: key(1), workspace: target });
    expect(manifest?.paths).toEqual(["build-info.txt", "node_modules"]);
    expect(await fs.readFile(path.join(target, "build-info.txt"), "utf8")).toBe("built\n");
    expect(await fs.readlink(path.join(target, "node_modules", ".bin", "dep"))).toBe("../dep/index.js");
    // A command in a restored workspace edits its copy, never the cache.
    await fs.writeFile(path.join(target, "node_modules", "dep", "index.js"), "poisoned");
    const again = await emptyDir("c");
    await cache.restore({ key: key(1), workspace: again });
    expect(await fs.readFile(path.join(again, "node_modules", "dep", "index.js"), "utf8")).toBe("x".repeat(4 * KB));
  });

  it("misses on an unknown key", async () => {
    const cache = newCache(10 * 1024 * KB);
    expect(await cache.restore({ key: key(9), workspace: await emptyDir("w") })).toBeNull();
  });

  it("refuses to restore onto existing files or through a symlinked directory, leaving the workspace as it was", async () => {
    const cache = newCache(10 * 1024 * KB);
    const source = await makeWorkspace("a");
    await fs.mkdir(path.join(source, "packages", "x", "node_modules"), { recursive: true });
    await fs.writeFile(path.join(source, "packages", "x", "node_modules", "f"), "f");
    await cache.save({ key: key(1), workspace: source, paths: ["node_modules", "packages/x/node_modules"] });

    const occupied = await emptyDir("occupied");
    await fs.mkdir(path.join(occupied, "node_modules"));
    expect(await cache.restore({ key: key(1), workspace: occupied })).toBeNull();
    expect(await fs.readdir(path.join(occupied, "node_modules"))).toEqual([]);

    // The workspace's code made `packages` a symlink to a host directory.
    const hostile = await emptyDir("hostile");
    const host = await emptyDir("host-dir");
    await fs.symlink(host, path.join(hostile, "packages"));
    expect(await cache.restore({ key: key(1), workspace: hostile })).toBeNull();
    expect(await fs.readdir(host)).toEqual([]);
    expect(await fs.readdir(hostile)).toEqual(["packages"]);
  });

  it("reports a miss and cleans up when an entry cannot be restored whole", async () => {
    const cache = newCache(10 * 1024 * KB);
    await cache.save({ key: key(1), workspace: await makeWorkspace("a"), paths: ["build-info.txt", "node_modules"] });
    // As if eviction deleted part of it while we read it.
    await fs.rm(path.join(cache.dir, "entries", key(1), "tree", "node_modules"), { recursive: true });
    const target = await emptyDir("b");
    expect(await cache.restore({ key: key(1), workspace: target })).toBeNull();
    expect(await fs.readdir(target)).toEqual([]);
  });

  it("refuses paths that leave the workspace", async () => {
    const cache = newCache(10 * 1024 * KB);
    const source = await makeWorkspace("a");
    for (const bad of ["../a", "/etc/passwd", "node_modules/../../x", ".git", ""]) {
      await expect(cache.save({ key: key(2), workspace: source, paths: [bad] }), bad).rejects.toThrow(/refusing/);
    }
    expect(await cache.list()).toEqual([]);
    expect(await fs.readdir(path.join(cache.dir, "tmp"))).toEqual([]);
  });

  it("evicts the least recently used entries past the size bound; a restore counts as a use", async () => {
    const source = await makeWorkspace("a", 64 * KB);
    // A bound that holds three entries and a half, measured on this filesystem.
    const probe = new SetupCache({ dir: path.join(root, "probe"), maxBytes: 10 * 1024 * KB, spares: 0 });
    await probe.save({ key: key(99), workspace: source, paths: ["node_modules"] });
    const entryBytes = (await probe.read(key(99)))!.bytes;
    const bound = Math.floor(3.5 * entryBytes);
    const cache = newCache(bound);
    for (const n of [1, 2, 3]) {
      await cache.save({ key: key(n), workspace: source, paths: ["node_modules"] });
      // Distinct last-use times without sleeping: 1 oldest, 3 newest.
      const when = new Date(Date.now() - (10 - n) * 60_000);
      await fs.utimes(path.join(cache.dir, "entries", key(n), "manifest.json"), when, when);
    }
    expect((await cache.list()).map((entry) => entry.key)).toEqual([key(1), key(2), key(3)]);
    expect(await cache.restore({ key: key(1), workspace: await emptyDir("use-1") })).not.toBeNull();

    expect(await cache.save({ key: key(4), workspace: source, paths: ["node_modules"] })).toBe("saved");
    const kept = (await cache.list()).map((entry) => entry.key);
    expect(kept).toEqual([key(3), key(1), key(4)]);
    expect(await cache.restore({ key: key(2), workspace: await emptyDir("use-2") })).toBeNull();
    const total = (await cache.list()).reduce((sum, entry) => sum + entry.bytes, 0);
    expect(total).toBeLessThanOrEqual(bound);
  });

  it("does not keep an entry larger than the whole bound", async () => {
    const cache = newCache(16 * KB);
    expect(
      await cache.save({ key: key(1), workspace: await makeWorkspace("a", 64 * KB), paths: ["node_modules"] }),
    ).toBe("too-large");
    expect(await cache.list()).toEqual([]);
  });

  it("keeps exactly one whole entry when several runs save the same key at once", async () => {
    const dir = path.join(root, "cache");
    const sources = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => makeWorkspace(`src-${n}`, 32 * KB)));
    // Separate instances, as separate server processes would have.
    const outcomes = await Promise.all(
      sources.map((workspace) =>
        new SetupCache({ dir, maxBytes: 10 * 1024 * KB, spares: 0 }).save({
          key: key(7),
          workspace,
          paths: ["node_modules", "build-info.txt"],
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === "saved")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "exists")).toHaveLength(5);
    expect(await fs.readdir(path.join(dir, "tmp"))).toEqual([]);
    const target = await emptyDir("t");
    expect(
      await new SetupCache({ dir, maxBytes: 10 * 1024 * KB, spares: 0 }).restore({ key: key(7), workspace: target }),
    ).not.toBeNull();
    expect((await fs.readFile(path.join(target, "node_modules", "dep", "index.js"))).length).toBe(32 * KB);
  });

  it("restores by moving a spare copy made in the background, and makes the next one", async () => {
    const cache = new SetupCache({ dir: path.join(root, "cache"), maxBytes: 10 * 1024 * KB, spares: 1 });
    await cache.save({ key: key(1), workspace: await makeWorkspace("a"), paths: ["node_modules", "build-info.txt"] });
    await cache.idle();
    const sparesDir = path.join(cache.dir, "entries", key(1), "spares");
    const [spare] = await fs.readdir(sparesDir);
    const manifestBytes = (await cache.read(key(1)))!.bytes;
    expect((await cache.list())[0]?.bytes).toBe(2 * manifestBytes);
    const spareInode = (await fs.stat(path.join(sparesDir, spare!, "node_modules", "dep", "index.js"))).ino;

    const target = await emptyDir("b");
    expect(await cache.restore({ key: key(1), workspace: target })).not.toBeNull();
    // The same file, renamed: nothing was copied.
    expect((await fs.stat(path.join(target, "node_modules", "dep", "index.js"))).ino).toBe(spareInode);
    expect(await fs.readlink(path.join(target, "node_modules", ".bin", "dep"))).toBe("../dep/index.js");
    await fs.writeFile(path.join(target, "node_modules", "dep", "index.js"), "poisoned");
    await cache.idle();
    expect(await fs.readdir(sparesDir)).toHaveLength(1);

    // Two restores at once with one spare: one moves it, the other copies.
    const [first, second] = [await emptyDir("c"), await emptyDir("d")];
    const restored = await Promise.all([first, second].map((workspace) => cache.restore({ key: key(1), workspace })));
    expect(restored.every((manifest) => manifest !== null)).toBe(true);
    for (const workspace of [first, second]) {
      expect(await fs.readFile(path.join(workspace, "node_modules", "dep", "index.js"), "utf8")).toBe(
        "x".repeat(4 * KB),
      );
    }
    await cache.idle();
  });
});
