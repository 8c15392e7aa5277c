import fs from "node:fs";
import path from "node:path";

const ROTATE_BYTES = 20 * 1024 * 1024;

/**
 * The processes' log (JSON lines, appended across starts). Past 20 MB at start it is
 * renamed to `<file>.1` (replacing the previous one), so two starts' worth is kept at most.
 */
export function openLogFile(file: string): fs.WriteStream {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    if (fs.statSync(file).size > ROTATE_BYTES) fs.renameSync(file, `${file}.1`);
  } catch {
    // No log yet.
  }
  return fs.createWriteStream(file, { flags: "a" });
}
