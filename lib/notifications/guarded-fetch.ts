import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { guardedLookup } from "./guarded-lookup";
import { isPrivateAddress } from "./is-private-address";
import { TargetRefusedError } from "./target-refused-error";

// Receivers' answers are read only to show a line of them in the delivery log.
const MAX_RESPONSE_BYTES = 64 * 1024;
export const DELIVERY_TIMEOUT_MS = 15_000;

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

/**
 * fetch() for user-given URLs (webhooks, Slack): over node:http with a lookup that refuses
 * private, loopback and link-local addresses (unless `allowPrivate`), IP literals checked
 * the same way, redirects never followed, a timeout, and the answer's body cut at 64 KB.
 */
export function createGuardedFetch({
  allowPrivate,
  timeoutMs = DELIVERY_TIMEOUT_MS,
}: {
  allowPrivate: boolean;
  timeoutMs?: number;
}): (input: string | URL, init?: RequestInit) => Promise<Response> {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        return reject(new TargetRefusedError(`Only http and https URLs can be called (got ${url.protocol})`));
      }
      const host = url.hostname.replace(/^\[|\]$/g, "");
      if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
        return reject(new TargetRefusedError(`${host} is a private, loopback or link-local address`));
      }
      const body = typeof init?.body === "string" ? init.body : undefined;
      const request = (url.protocol === "https:" ? https : http).request(url, {
        method: init?.method ?? "GET",
        headers: { ...headersOf(init), ...(body === undefined ? {} : { "content-length": Buffer.byteLength(body) }) },
        ...(allowPrivate ? {} : { lookup: guardedLookup }),
        signal: init?.signal ?? undefined,
        timeout: timeoutMs,
        // One connection per delivery: nothing is shared between destinations.
        agent: false,
      });
      request.on("timeout", () => request.destroy(new Error(`No answer within ${timeoutMs / 1000} s`)));
      request.on("error", reject);
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
          size += chunk.length;
        });
        response.on("error", reject);
        response.on("end", () => {
          const status = response.statusCode ?? 502;
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            if (typeof value === "string") headers.set(name, value);
          }
          // A Response cannot carry a body with these statuses.
          const content = [101, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks);
          resolve(new Response(content, { status: status < 200 || status > 599 ? 502 : status, headers }));
        });
      });
      request.end(body);
    });
}
