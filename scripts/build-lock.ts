import fs from "node:fs";
import path from "node:path";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function holderAlive(file: string): boolean {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Runs `work` while holding the checkout's build lock (`.next-build.lock`, holding the pid):
 * two launchers or test clusters starting on one checkout at once (CI runs test files in
 * parallel) would otherwise both run `next build` into the same .next and break each other.
 * A lock whose process is gone is taken over.
 */
export async function withBuildLock<T>(root: string, work: () => Promise<T>): Promise<T> {
  const file = path.join(root, ".next-build.lock");
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!holderAlive(file)) fs.rmSync(file, { force: true });
      else await pause(500);
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(file, { force: true });
  }
}
