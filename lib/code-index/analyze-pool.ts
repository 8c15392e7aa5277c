import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { logger } from "@/lib/platform/logger";
import { analyzeFile, type FileAnalysis } from "./analyze-file";

// File analysis (tree-sitter, chunking, search terms) on worker threads, one per core up to
// four: it is most of an index's CPU time, and the embedded database runs on the main thread.
// The workers run the TypeScript sources through tsx, as the app itself does; where those
// are not on disk, files are analyzed on the calling thread.

type Pending = { resolve: (result: FileAnalysis) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; pending: Map<number, Pending> };

const IDLE_MS = 30_000;
const workerFile = path.join(process.cwd(), "lib", "code-index", "analyze-worker.ts");

let slots: Slot[] | null = null;
let nextId = 1;
let idleTimer: NodeJS.Timeout | null = null;

function failAll(slot: Slot, error: Error): void {
  for (const task of slot.pending.values()) task.reject(error);
  slot.pending.clear();
}

function startSlot(): Slot {
  const worker = new Worker(workerFile, { execArgv: ["--import", "tsx"] });
  const slot: Slot = { worker, pending: new Map() };
  worker.unref();
  worker.on("message", (message: { id: number; result?: FileAnalysis; error?: string }) => {
    const task = slot.pending.get(message.id);
    slot.pending.delete(message.id);
    if (message.error !== undefined) task?.reject(new Error(message.error));
    else task?.resolve(message.result!);
    if (totalPending() === 0) scheduleIdle();
  });
  worker.on("error", (error) => {
    logger.warn({ err: error }, "a code analysis worker failed");
    failAll(slot, error);
  });
  worker.on("exit", () => {
    failAll(slot, new Error("The code analysis worker exited"));
    if (slots) slots = slots.filter((entry) => entry !== slot);
  });
  return slot;
}

const totalPending = () => (slots ?? []).reduce((sum, slot) => sum + slot.pending.size, 0);

function scheduleIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void closeAnalyzePool(), IDLE_MS);
  idleTimer.unref();
}

/** Stops the workers (they also stop by themselves after 30 s without work). */
export async function closeAnalyzePool(): Promise<void> {
  const stopping = slots ?? [];
  slots = null;
  await Promise.all(stopping.map((slot) => slot.worker.terminate()));
}

const workersAvailable = fs.existsSync(workerFile);

/** Analyzes a file on the least busy worker thread (or, without workers, on this thread). */
export function analyzeInPool(file: { path: string; content: string }): Promise<FileAnalysis> {
  if (!workersAvailable) return analyzeFile(file);
  if (idleTimer) clearTimeout(idleTimer);
  if (!slots || slots.length === 0)
    slots = Array.from({ length: Math.min(4, Math.max(1, os.availableParallelism())) }, startSlot);
  const slot = slots.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
  const id = nextId++;
  return new Promise<FileAnalysis>((resolve, reject) => {
    slot.pending.set(id, { resolve, reject });
    slot.worker.postMessage({ id, ...file });
  });
}
