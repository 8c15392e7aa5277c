import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AppSync } from "./app-sync";
import type { EngineContext } from "./context";
import { type EventInput, eventInputSchema, ingestEvent } from "./event-ingest";
import { receiveCheckpoint } from "./checkpoint";
import { eventShape, runShape } from "./rest-shapes";
import { ulidsFromSeed } from "./ulid";

// Large enough for batches of events with sizeable data; Inngest's own limit is lower.
const MAX_BODY_BYTES = 16 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, "request body too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text ? JSON.parse(text) : null);
      } catch {
        reject(new HttpError(400, "request body is not JSON"));
      }
    });
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export type EngineServerDeps = { ctx: EngineContext; sync: AppSync; wake(): void; inFlight(): number };

/** POST /e/:key: store events, answer with their ids as the SDK's send() expects. */
async function receiveEvents(deps: EngineServerDeps, req: IncomingMessage, res: ServerResponse) {
  const body = await readJson(req);
  const items = Array.isArray(body) ? body : [body];
  const inputs: EventInput[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = eventInputSchema.safeParse(item);
    if (!parsed.success) {
      const error = `event ${index}: ${parsed.error.issues.map((issue) => `${issue.path.join(".") || "event"}: ${issue.message}`).join("; ")}`;
      return reply(res, 400, { ids: [], status: 400, error });
    }
    inputs.push(parsed.data);
  }
  const seed = req.headers["x-inngest-event-id-seed"];
  const seeded = typeof seed === "string" ? ulidsFromSeed(seed, inputs.length) : null;
  const ids = await deps.ctx.store.transaction(async (tx) => {
    const out: string[] = [];
    for (const [index, input] of inputs.entries()) {
      out.push((await ingestEvent(tx, deps.ctx, input, { internalId: seeded?.[index] })).internalId);
    }
    return out;
  });
  deps.wake();
  reply(res, 200, { ids, status: 200 });
}

// As Inngest answers: an event key it does not know, a sync or API call without the signing key.
const unauthorized = (res: ServerResponse, error: string) => reply(res, 401, { error, status: 401 });

async function route(deps: EngineServerDeps, req: IncomingMessage, res: ServerResponse) {
  const { ctx, sync } = deps;
  const url = new URL(req.url ?? "/", "http://engine");
  const method = req.method ?? "GET";
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const keys = ctx.keys;
  const signed = () => !keys || keys.bearerMatches(req.headers.authorization);

  if (method === "GET" && url.pathname === "/health") {
    const [runs, queue] = await Promise.all([ctx.store.countRunsByStatus(), ctx.store.countQueue()]);
    const apps = ctx.registry
      .apps()
      .map((app) => ({ id: app.appId, url: app.url, functions: app.functions.map((fn) => fn.id) }));
    return reply(res, 200, { status: "ok", store: ctx.store.kind, apps, runs, ...queue, inFlight: deps.inFlight() });
  }
  // The SDK syncs with POST (docs say PUT): both are accepted.
  if ((method === "POST" || method === "PUT") && url.pathname === "/fn/register") {
    // The SDK syncs with its signing key, hashed, as the bearer token.
    if (!signed()) return unauthorized(res, "sync refused: no valid signing key");
    const result = await sync.register(await readJson(req));
    return reply(res, result.status, result.body);
  }
  if (method === "POST" && parts[0] === "e" && parts.length === 2) {
    if (keys && !keys.eventKeyMatches(parts[1] ?? "")) return unauthorized(res, "Event key not found");
    return receiveEvents(deps, req, res);
  }
  // Inngest's REST API takes the signing key as the bearer token; so do checkpoints.
  if (
    method === "POST" &&
    parts[0] === "v1" &&
    parts[1] === "checkpoint" &&
    parts[3] === "async" &&
    parts.length === 4
  ) {
    if (!signed()) return unauthorized(res, "missing or invalid signing key");
    const result = await receiveCheckpoint(ctx, parts[2] ?? "", await readJson(req));
    return reply(res, result.status, result.body);
  }
  // Inngest's REST API takes the signing key as the bearer token.
  if (method === "GET" && parts[0] === "v1" && !signed()) return unauthorized(res, "missing or invalid signing key");
  if (method === "GET" && parts[0] === "v1" && parts[1] === "runs" && parts.length === 3) {
    const run = await ctx.store.getRun(parts[2] ?? "");
    return run ? reply(res, 200, { data: runShape(run) }) : reply(res, 404, { error: "run not found", status: 404 });
  }
  if (method === "GET" && parts[0] === "v1" && parts[1] === "events" && parts.length === 2) {
    // Inngest's "list events": by name and time received (oldest first here), at most 100.
    const time = (param: string, fallback: number) => {
      const parsed = Date.parse(url.searchParams.get(param) ?? "");
      return Number.isNaN(parsed) ? fallback : parsed;
    };
    const events = await ctx.store.listEvents({
      name: url.searchParams.get("name"),
      since: time("received_after", 0),
      until: time("received_before", Number.MAX_SAFE_INTEGER),
      limit: Math.min(Math.max(Number(url.searchParams.get("limit")) || 100, 1), 100),
    });
    return reply(res, 200, { data: events.map(eventShape), metadata: { fetched_at: new Date().toISOString() } });
  }
  if (method === "GET" && parts[0] === "v1" && parts[1] === "events" && parts.length >= 3) {
    const eventId = parts[2] ?? "";
    if (parts.length === 4 && parts[3] === "runs") {
      const runs = await ctx.store.listRunsByEvent(eventId);
      return reply(res, 200, {
        data: runs.map(runShape),
        metadata: { fetched_at: new Date().toISOString(), cached_until: null },
      });
    }
    if (parts.length === 3) {
      const event = await ctx.store.getEvent(eventId);
      return event
        ? reply(res, 200, { data: eventShape(event) })
        : reply(res, 404, { error: "event not found", status: 404 });
    }
  }
  reply(res, 404, { error: `no route for ${method} ${url.pathname}`, status: 404 });
}

/** The engine's HTTP API: what the SDK calls, plus run status for tools that poll. */
export function createEngineServer(deps: EngineServerDeps): Server {
  return createServer((req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) deps.ctx.logger.error({ err: error, url: req.url }, "request failed");
      if (!res.headersSent)
        reply(res, status, { error: error instanceof Error ? error.message : "internal error", status });
    });
  });
}
