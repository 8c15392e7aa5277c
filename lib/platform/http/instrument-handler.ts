import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";
import { routeLabel } from "@/lib/platform/http/route-label";
import { metrics } from "@/lib/platform/metrics/registry";
import { requestContext } from "@/lib/platform/request-context";

type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

const validRequestId = /^[A-Za-z0-9._:-]{8,128}$/;

// Wraps the app's request handler: gives every request an id (kept from a trusted-looking
// x-request-id header, else new), logs one line per request with it, exposes it to
// everything the request runs (requestContext) and records its duration.
export function instrumentHandler(handler: Handler, logger: Logger): Handler {
  const httpLogger = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers["x-request-id"];
      const id = typeof incoming === "string" && validRequestId.test(incoming) ? incoming : randomUUID();
      res.setHeader("x-request-id", id);
      return id;
    },
    customLogLevel: (req, res, error) => {
      // The launcher's own probes while the processes start (scripts/launcher/wait-until-healthy.ts).
      if (req.url === "/api/health" && req.headers["x-mergeline-probe"] === "launcher") return "debug";
      // A health check answering 503 reports a component that is down; it is not itself broken.
      if (res.statusCode === 503 && req.url === "/api/health") return "warn";
      return error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info";
    },
    // pino-http invents an Error ("failed with status code N") for every 5xx; its stack
    // points into pino-http and says nothing the status does not.
    customErrorObject: (_req, res, error, loggable) => {
      if (error.message === `failed with status code ${res.statusCode}`) {
        const { err: _synthetic, ...rest } = loggable as Record<string, unknown>;
        return rest;
      }
      return loggable;
    },
    // Static assets would drown the log; they are still measured.
    autoLogging: { ignore: (req) => (req.url ?? "").startsWith("/_next/static/") },
    serializers: {
      req: (req) => ({ method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
      res: (res) => ({ statusCode: res.statusCode }),
    },
  });

  return (req, res) => {
    const stop = metrics.httpRequestDuration.startTimer({ method: req.method ?? "GET", route: routeLabel(req.url) });
    res.on("finish", () => stop({ status: String(res.statusCode) }));
    httpLogger(req, res);
    const requestId = String(req.id);
    req.headers["x-request-id"] = requestId;
    // Like any proxy hop, record the address this server saw. The last entry is then
    // always the real peer, whatever a client wrote in the header (lib/platform/http/client-ip.ts).
    const peer = req.socket.remoteAddress;
    if (peer) {
      const forwarded = req.headers["x-forwarded-for"];
      req.headers["x-forwarded-for"] = forwarded ? `${forwarded}, ${peer}` : peer;
    }
    return requestContext.run({ requestId }, () => handler(req, res));
  };
}
