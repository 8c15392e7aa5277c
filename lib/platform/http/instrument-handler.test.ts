import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metrics } from "@/lib/platform/metrics/registry";
import { requestContext } from "@/lib/platform/request-context";
import { createLogger } from "@/lib/platform/logger";
import { instrumentHandler } from "./instrument-handler";

const lines: Record<string, unknown>[] = [];
const sink = new Writable({
  write(chunk, _encoding, done) {
    for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});

const seenForwarded: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  const logger = createLogger(sink);
  logger.level = "info";
  server = createServer(
    instrumentHandler((req, res) => {
      // A log line written deep inside the request, as lib code would.
      logger.info({ seen: requestContext.getStore()?.requestId }, "inside handler");
      if (req.url === "/peer") seenForwarded.push(String(req.headers["x-forwarded-for"]));
      res.statusCode = req.url === "/missing" ? 404 : req.url === "/broken" ? 500 : 200;
      res.end("ok");
    }, logger),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("instrumentHandler", () => {
  it("gives each request an id, returned in x-request-id and on every log line of it", async () => {
    const response = await fetch(`${base}/projects`);
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const mine = lines.filter((line) => line.reqId === id);
    expect(mine.map((line) => line.msg)).toEqual(["inside handler", "request completed"]);
    expect(mine[0]!.seen).toBe(id);
  });

  it("keeps a well-formed incoming request id and replaces a malformed one", async () => {
    const kept = await fetch(base, { headers: { "x-request-id": "trace-abc-12345" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-abc-12345");
    const replaced = await fetch(base, { headers: { "x-request-id": "bad id\twith spaces" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("appends the peer's address to x-forwarded-for, as a proxy hop does", async () => {
    seenForwarded.length = 0;
    await fetch(`${base}/peer`, { headers: { "x-forwarded-for": "6.6.6.6" } });
    expect(seenForwarded).toEqual(["6.6.6.6, 127.0.0.1"]);
  });

  it("records request durations by method, route and status", async () => {
    await fetch(`${base}/missing`);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(
      /mergeline_http_request_duration_seconds_count\{method="GET",route="\/missing",status="404"\} 1/,
    );
    expect(text).toContain("mergeline_process_cpu_seconds_total");
  });

  it("logs a 5xx as an error, without an invented error object", async () => {
    await fetch(`${base}/broken`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const line = lines.find((entry) => (entry.req as { url?: string } | undefined)?.url === "/broken");
    expect(line?.level).toBe(pino.levels.values.error);
    expect(line).not.toHaveProperty("err");
  });

  it("logs a 4xx as a warning", () => {
    const line = lines.find((entry) => (entry.req as { url?: string } | undefined)?.url === "/missing");
    expect(line?.level).toBe(pino.levels.values.warn);
  });
});
