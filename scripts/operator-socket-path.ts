import path from "node:path";

// Unix socket paths are limited to about 107 bytes (sun_path); a longer data dir gets no socket.
const MAX_SOCKET_PATH = 100;

/**
 * The app's operator socket: a Unix socket in the data dir (in a directory only the owner
 * may enter), through which `npm run auth:sign-in-link` asks the running app for a link.
 * Whoever can open it can already read the data dir, database and secrets included, so the
 * file system is its authentication. Null when the data dir's path is too long for one.
 */
export function operatorSocketPath(dataDir: string): string | null {
  const socket = path.join(dataDir, "run", "operator.sock");
  return Buffer.byteLength(socket) <= MAX_SOCKET_PATH ? socket : null;
}
