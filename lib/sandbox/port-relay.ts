import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server, type Socket, connect } from "node:net";
import os from "node:os";
import path from "node:path";

// The host's half of the port relay (relay-script.ts has the inside half and the protocol).
// A sandbox with its own network namespace cannot reach the host's loopback, and the host
// cannot reach the sandbox's: the two halves meet through Unix sockets in a directory the
// sandbox sees read-only at RELAY_MOUNT.
const RELAY_MOUNT = "/run/mergeline-relay";

export type PortRelay = {
  /** bubblewrap's arguments that show the sockets' directory inside, read-only. */
  mounts: string[];
  /** The inside half's argument. */
  spec: string;
  close: () => Promise<void>;
};

function join(a: Socket, b: Socket): void {
  const done = () => {
    a.destroy();
    b.destroy();
  };
  a.on("error", done).on("close", done);
  b.on("error", done).on("close", done);
  a.pipe(b);
  b.pipe(a);
}

const listen = (server: Server, target: string | { port: number; host: string }) =>
  new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    const ready = () => {
      server.off("error", reject);
      resolve();
    };
    if (typeof target === "string") server.listen(target, ready);
    else server.listen({ ...target, exclusive: true }, ready);
  });

/**
 * Opens the host's half for a command: for each published port P, 127.0.0.1:P on the host
 * answers with the sandbox's 127.0.0.1:P; for each host port H, the sandbox's 127.0.0.1:H
 * reaches the host's 127.0.0.1:H (and no other host port). Rejects when a published port
 * is taken on the host.
 */
export async function openPortRelay({
  publishedPorts,
  hostPorts,
}: {
  publishedPorts: number[];
  hostPorts: number[];
}): Promise<PortRelay> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "mergeline-relay-"));
  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("error", () => socket.destroy()).once("close", () => sockets.delete(socket));
    return socket;
  };
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (const port of hostPorts) {
      const server = createServer((inside) => join(track(inside), track(connect(port, "127.0.0.1"))));
      servers.push(server);
      await listen(server, path.join(dir, `host-${port}.sock`));
    }
    for (const port of publishedPorts) {
      // Idle connections offered by the inside half, and host clients waiting for one.
      const idle: Socket[] = [];
      const waiting: Socket[] = [];
      const match = () => {
        while (idle.length > 0 && waiting.length > 0) {
          const up = idle.shift()!;
          const client = waiting.shift()!;
          up.write(Buffer.from([1]));
          join(client, up);
        }
      };
      const queue = (list: Socket[]) => (socket: Socket) => {
        track(socket).once("close", () => list.includes(socket) && list.splice(list.indexOf(socket), 1));
        list.push(socket);
        match();
      };
      const inside = createServer(queue(idle));
      const outside = createServer(queue(waiting));
      servers.push(inside, outside);
      await listen(inside, path.join(dir, `publish-${port}.sock`));
      await listen(outside, { port, host: "127.0.0.1" });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    mounts: ["--ro-bind", dir, RELAY_MOUNT],
    spec: JSON.stringify({ dir: RELAY_MOUNT, publishedPorts, hostPorts }),
    close,
  };
}
