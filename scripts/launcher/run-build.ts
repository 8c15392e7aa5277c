import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { eachLine } from "./each-line";
import { nextBuildStage } from "./next-build-stage";

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape sequences of colored output are what it removes
const ansi = /\x1b\[[0-9;]*[A-Za-z]/g;

export type BuildResult = { ok: true } | { ok: false; reason: string; lastLines: string[] };

/**
 * `next build`, with everything it prints written to `logFile` (Turbopack's warnings, the
 * route table) and only its steps reported through `onStage`. A failed build answers the
 * last lines of its output, where Next.js puts the error.
 */
export function runBuild({
  root,
  env,
  logFile,
  onStage,
}: {
  root: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  onStage: (stage: string) => void;
}): Promise<BuildResult> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.createWriteStream(logFile);
  const recent: string[] = [];
  const child = spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const onLine = (line: string) => {
    log.write(`${line}\n`);
    const plain = line.replace(ansi, "").trimEnd();
    if (plain.trim()) {
      recent.push(plain);
      if (recent.length > 200) recent.shift();
    }
    const stage = nextBuildStage(line);
    if (stage) onStage(stage);
  };
  eachLine(child.stdout, onLine);
  eachLine(child.stderr, onLine);
  return new Promise((resolve) => {
    child.on("error", (error) => resolve({ ok: false, reason: error.message, lastLines: [] }));
    child.on("close", (code, signal) => {
      log.end();
      if (code === 0) return resolve({ ok: true });
      // The error is near the end, after a "Failed to compile" or "Type error" line when there is one.
      const start = recent.findLastIndex((line) => /Failed to|Type error|Error:|error TS\d+/.test(line));
      const lastLines = (start >= 0 ? recent.slice(start) : recent).slice(0, 15);
      resolve({ ok: false, reason: `next build exited with ${signal ?? `code ${code}`}`, lastLines });
    });
  });
}
