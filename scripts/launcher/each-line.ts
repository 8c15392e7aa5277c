import type { Readable } from "node:stream";

/** Calls `onLine` with every complete line the stream emits (and the last, unterminated one at its end). */
export function eachLine(stream: Readable, onLine: (line: string) => void): void {
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) onLine(line.replace(/\r$/, ""));
  });
  stream.on("end", () => {
    if (pending) onLine(pending);
    pending = "";
  });
}
