import { parentPort } from "node:worker_threads";
import { analyzeFile } from "./analyze-file";

// A worker thread of analyze-pool.ts: analyzes the files it is sent, one answer per message.
parentPort?.on("message", (message: { id: number; path: string; content: string }) => {
  analyzeFile(message).then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
