import { createServer } from "node:net";
import { env } from "@/lib/platform/env";

// Ports handed out in this process and not yet released: two previews starting at the
// same moment must not both find the same port free before either binds it.
const reserved = new Set<number>();
let cursor = 0;

export type PortRange = { low: number; high: number };

export function previewPortRange(range = env.MERGELINE_PREVIEW_PORTS): PortRange {
  const [low, high] = range.split("-").map(Number) as [number, number];
  return { low, high };
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export type PortLease = { port: number; release: () => void };

/**
 * A port from the preview range that no live preview holds (`taken`: ports recorded in
 * the previews table by any process), nobody listens on, and this process has not
 * handed out. Starts after the last port given, so a just-freed port is not reused at once.
 */
export async function allocatePort({
  taken = [],
  range = previewPortRange(),
}: {
  taken?: number[];
  range?: PortRange;
} = {}): Promise<PortLease> {
  const size = range.high - range.low + 1;
  const skip = new Set(taken);
  for (let i = 0; i < size; i++) {
    const port = range.low + ((cursor + i) % size);
    if (reserved.has(port) || skip.has(port)) continue;
    reserved.add(port);
    if (await isFree(port)) {
      cursor = (port - range.low + 1) % size;
      return { port, release: () => reserved.delete(port) };
    }
    reserved.delete(port);
  }
  throw new Error(`No free preview port in ${range.low}-${range.high} (MERGELINE_PREVIEW_PORTS)`);
}
