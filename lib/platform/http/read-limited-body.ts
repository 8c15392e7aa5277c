import type { IncomingMessage } from "node:http";
import { AppError } from "@/lib/platform/errors";

// Request bodies read into memory up to a limit (413 past it): a declared content-length
// over the limit is refused before reading anything, and a body that lies about its length
// (or is chunked) is cut off while it streams.

type TooLargeCode = `payload_too_large:${string}`;

const tooLarge = (maxBytes: number, code: TooLargeCode = "payload_too_large:body") =>
  new AppError(code, `The body is larger than ${maxBytes} bytes`);

const declaresTooMuch = (contentLength: string | null | undefined, maxBytes: number) => {
  const declared = Number(contentLength);
  return Boolean(contentLength) && Number.isFinite(declared) && declared > maxBytes;
};

/** A web Request's body (Next.js route handlers); past `maxBytes`, an AppError `code` (413). */
export async function readLimitedBody(request: Request, maxBytes: number, code?: TooLargeCode): Promise<Buffer> {
  if (declaresTooMuch(request.headers.get("content-length"), maxBytes)) throw tooLarge(maxBytes, code);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes, code);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/**
 * A node:http request's body. Past the limit it stops reading (the request is paused, not
 * destroyed), so the caller can still answer 413 on the socket and then close it. The
 * listeners are inline and stay on the request (it ends with this call's answer): under
 * tsx, every named function made per request also costs a call to keep its name.
 */
export function readLimitedNodeBody(req: IncomingMessage, maxBytes: number, code?: TooLargeCode): Promise<Buffer> {
  if (declaresTooMuch(req.headers["content-length"], maxBytes)) return Promise.reject(tooLarge(maxBytes, code));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      done = true;
      req.pause();
      reject(tooLarge(maxBytes, code));
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on("error", (error: Error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });
}
