import type { EventEmitter } from "node:events";
import type { Readable } from "node:stream";

/**
 * The host pid of bwrap's child (the sandbox's PID 1), from what bwrap writes to its
 * --info-fd right after creating the namespaces; null when bwrap ended without saying.
 */
export function readBwrapChildPid(info: Readable | null, child: Pick<EventEmitter, "once">): Promise<number | null> {
  if (!info) return Promise.resolve(null);
  return new Promise((resolve) => {
    let text = "";
    const done = () => resolve(Number(/"child-pid":\s*(\d+)/.exec(text)?.[1]) || null);
    info.setEncoding("utf8");
    info.on("data", (chunk: string) => {
      text += chunk;
    });
    info.once("end", done);
    info.once("error", done);
    child.once("exit", done);
    child.once("error", done);
  });
}
