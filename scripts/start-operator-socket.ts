import fs from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { z } from "zod";
import type { Database } from "@/db/client";
import { AppError, errorResponse } from "@/lib/platform/errors";
import type { Logger } from "pino";
import { createSignInLink } from "@/lib/teams/create-sign-in-link";
import { operatorSocketPath } from "./operator-socket-path";

const signInLinkRequest = z.strictObject({ email: z.email("expected an email address") });
const MAX_BODY = 4096;

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new AppError("payload_too_large:body", "The request is too large");
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AppError("bad_request:body", "The request body is not JSON");
  }
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
}

/**
 * Serves the operator socket (operator-socket-path.ts) for the running app: `POST
 * /sign-in-links` with `{ "email" }` answers a new one-time link under the app's real
 * address. Nothing else is served. Returns a close function; null when there is no socket.
 */
export async function startOperatorSocket({
  dataDir,
  db,
  baseUrl,
  logger,
}: {
  dataDir: string;
  db: () => Database;
  baseUrl: string;
  logger: Logger;
}): Promise<(() => Promise<void>) | null> {
  const socket = operatorSocketPath(dataDir);
  if (!socket) {
    logger.warn(
      { dataDir },
      "the data dir's path is too long for the operator socket; auth:sign-in-link needs Mergeline stopped",
    );
    return null;
  }
  // Owner only, whatever the umask: the directory guards the socket from the first moment.
  fs.mkdirSync(path.dirname(socket), { recursive: true, mode: 0o700 });
  fs.chmodSync(path.dirname(socket), 0o700);
  // A socket file left by a process that died; only one app owns the data dir at a time.
  fs.rmSync(socket, { force: true });

  const server: Server = createServer((req, res) => {
    void (async () => {
      try {
        if (req.method !== "POST" || req.url !== "/sign-in-links")
          throw new AppError("not_found:route", "The operator socket serves POST /sign-in-links only");
        const input = signInLinkRequest.safeParse(await readJson(req));
        if (!input.success) throw new AppError("bad_request:email", `email: ${input.error.issues[0]!.message}`);
        const link = await createSignInLink({
          db: db(),
          email: input.data.email,
          baseUrl,
          actor: { kind: "system" },
          via: "npm run auth:sign-in-link",
        });
        logger.info({ email: link.email }, "one-time sign-in link made for the operator");
        res
          .writeHead(201, { "content-type": "application/json" })
          .end(JSON.stringify({ email: link.email, url: link.url, expiresAt: link.expiresAt.toISOString() }));
      } catch (error) {
        if (!(error instanceof AppError)) logger.error({ err: error }, "operator socket request failed");
        await send(res, errorResponse(error));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socket, () => resolve());
  });
  fs.chmodSync(socket, 0o600);
  return () =>
    new Promise<void>((resolve) =>
      server.close(() => {
        fs.rmSync(socket, { force: true });
        resolve();
      }),
    );
}
