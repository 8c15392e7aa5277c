import { AsyncLocalStorage } from "node:async_hooks";

export type RequestContext = { requestId: string };

// One store per process, kept on globalThis: the custom server (loaded by tsx) and the
// route handlers (bundled by Next) import separate copies of this module.
const key = Symbol.for("mergeline.request-context");
const holder = globalThis as typeof globalThis & { [key]?: AsyncLocalStorage<RequestContext> };

export const requestContext: AsyncLocalStorage<RequestContext> = (holder[key] ??= new AsyncLocalStorage());
