import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

// `npm run bench -- <name>` runs bench/<name>.ts, which prints one `<figure> <value> <unit>`
// line per figure. With no name, lists the benchmarks.
const name = process.argv[2];
// Figures go to stdout; the product's own logs would bury them.
process.env.LOG_LEVEL ??= "silent";
const available = fs
  .readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith(".ts") && file !== "run.ts" && !file.includes(".test."))
  .map((file) => file.replace(/\.ts$/, ""));

if (!name || !available.includes(name)) {
  process.stderr.write(`${name ? `unknown benchmark "${name}". ` : ""}Benchmarks: ${available.join(", ")}\n`);
  process.exit(name ? 1 : 0);
}
const bench = (await import(pathToFileURL(path.join(import.meta.dirname, `${name}.ts`)).href)) as {
  run: () => Promise<void>;
};
await bench.run();
