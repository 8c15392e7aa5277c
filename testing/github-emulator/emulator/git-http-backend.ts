import { spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";
import { GIT_ENV } from "./run-git";

/**
 * Serves git smart HTTP by running the real `git http-backend` CGI: the request body is
 * piped to it and its CGI headers (Status:, Content-Type:) become the HTTP response.
 */
export function gitHttpBackend(
  req: IncomingMessage,
  res: ServerResponse,
  options: { projectRoot: string; pathInfo: string; query: string; remoteUser: string },
): Promise<void> {
  return new Promise((resolve) => {
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      ...GIT_ENV,
      GIT_PROJECT_ROOT: options.projectRoot,
      GIT_HTTP_EXPORT_ALL: "1",
      PATH_INFO: options.pathInfo,
      QUERY_STRING: options.query,
      REQUEST_METHOD: req.method ?? "GET",
      CONTENT_TYPE: req.headers["content-type"] ?? "",
      REMOTE_USER: options.remoteUser,
      REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
      GIT_HTTP_MAX_REQUEST_BUFFER: "100M",
    };
    if (req.headers["content-length"]) env.CONTENT_LENGTH = req.headers["content-length"];
    if (req.headers["content-encoding"]) env.HTTP_CONTENT_ENCODING = req.headers["content-encoding"];
    if (req.headers["git-protocol"]) env.GIT_PROTOCOL = String(req.headers["git-protocol"]);
    const child = spawn("git", ["http-backend"], { env });
    let buffer = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on("data", (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      for (const line of buffer.subarray(0, end).toString("utf8").split("\r\n")) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
        else res.setHeader(name, value);
      }
      res.statusCode = status;
      res.write(buffer.subarray(end + 4));
    });
    child.stderr.resume();
    child.on("close", () => {
      if (!headersDone) {
        res.statusCode = 500;
        res.write(buffer);
      }
      res.end();
      resolve();
    });
    req.pipe(child.stdin);
    child.stdin.on("error", () => undefined);
  });
}
