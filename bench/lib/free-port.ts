import fs from "node:fs";
import net from "node:net";

/** A port free on loopback right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function listens(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** The first port the kernel hands out as the local end of outgoing connections (Linux), 32768 elsewhere. */
function ephemeralStart(): number {
  try {
    return Number(fs.readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

// Ports freeRestartablePort gave: never the same one twice in this process.
const handedOut = new Set<number>();

/**
 * A free port for a server that is killed and started again on it (a product under a kill
 * storm): below the kernel's ephemeral range. A port picked by listen(0) is in that range, so
 * while the server is down any outgoing connection on the machine can take it as its local
 * end, and the restarted server then finds it in use for as long as that connection lives.
 */
export async function freeRestartablePort(): Promise<number> {
  const high = Math.min(ephemeralStart(), 65536) - 1;
  const low = Math.max(1024, high - 12_000);
  for (let tries = 0; tries < 200; tries++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await listens(port)) return port;
  }
  return freePort();
}
