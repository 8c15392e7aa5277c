import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

/** A published npm package, pinned: its tarball must have this `integrity` (sha512, as the registry gives it). */
export type PinnedNpmPackage = { name: string; version: string; integrity: string };

// Fetched once per machine and kept between test runs; never in the repository.
const cacheDir = path.join(os.tmpdir(), "mergeline-npm-packages");

async function integrityOf(file: string): Promise<string> {
  return `sha512-${createHash("sha512")
    .update(await fs.readFile(file))
    .digest("base64")}`;
}

async function fetchTarball(pkg: PinnedNpmPackage): Promise<string> {
  const file = path.join(cacheDir, `${pkg.name.replace("/", "__")}-${pkg.version}.tgz`);
  if ((await integrityOf(file).catch(() => null)) === pkg.integrity) return file;
  await fs.mkdir(cacheDir, { recursive: true });
  const scratch = await fs.mkdtemp(path.join(cacheDir, "pack-"));
  try {
    // npm pack fetches the registry's tarball as published; it prints the file's name last.
    const { stdout } = await exec(
      "npm",
      ["pack", `${pkg.name}@${pkg.version}`, "--pack-destination", scratch, "--silent", "--no-fund"],
      { cwd: scratch, maxBuffer: 4 * 1024 * 1024 },
    );
    const packed = path.join(scratch, stdout.trim().split("\n").at(-1)!);
    const got = await integrityOf(packed);
    if (got !== pkg.integrity)
      throw new Error(`${pkg.name}@${pkg.version}: the registry's tarball has ${got}, not the pinned ${pkg.integrity}`);
    // Renamed whole, so a concurrent or interrupted fetch never leaves half a tarball.
    await fs.rename(packed, file);
    return file;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/**
 * A real open-source project for tests: the files of `pkg` as published on npm (tests
 * included, when the package ships them), unpacked into `target`. The tarball is fetched with
 * `npm pack` (so from the npm registry configured here) and cached in the temp dir.
 */
export async function unpackNpmPackage(pkg: PinnedNpmPackage, target: string): Promise<void> {
  const tarball = await fetchTarball(pkg);
  await fs.mkdir(target, { recursive: true });
  // Published tarballs hold one top folder (usually package/).
  await exec("tar", ["xzf", tarball, "-C", target, "--strip-components=1", "--no-same-owner"]);
}
