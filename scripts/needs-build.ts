import fs from "node:fs";
import path from "node:path";

// What goes into `next build`: a change to any of these makes the build stale.
const inputs = [
  "app",
  "components",
  "lib",
  "db",
  "inngest",
  "realtime/contract.ts",
  "public",
  "proxy.ts",
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];
const ignored = /(\.test\.tsx?$|[\\/]migrations[\\/]|[\\/]template[\\/]|[\\/]node_modules[\\/])/;

function newestMtime(entry: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return ignored.test(entry) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Why a build is needed ("missing", "stale"), or null when .next is newer than every input. */
export function needsBuild(root: string): "missing" | "stale" | null {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return "missing";
  const built = fs.statSync(buildId).mtimeMs;
  return inputs.some((input) => newestMtime(path.join(root, input)) > built) ? "stale" : null;
}
