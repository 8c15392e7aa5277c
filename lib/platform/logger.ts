import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/platform/env";
import { requestContext } from "@/lib/platform/request-context";

// Every line written inside a request carries that request's id (reqId).
export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { pid: process.pid },
      mixin: () => {
        const context = requestContext.getStore();
        return context ? { reqId: context.requestId } : {};
      },
      redact: {
        paths: [
          "*.authorization",
          "*.cookie",
          "*.password",
          "*.secret",
          "*.token",
          "req.headers.authorization",
          "req.headers.cookie",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}

export const logger: Logger = createLogger();
