import { z } from "zod";
import { celKey, celMatches } from "./cel";
import type { ConcurrencySlot, InngestEvent } from "./types";

// The part of the SDK's sync payload (docs/SDK_SPEC.md 4.3.2) the engine acts on. Other
// keys pass through untouched, so a re-sync stores exactly what the SDK sent.

const eventTrigger = z.object({ event: z.string().min(1), expression: z.string().optional() });
const cronTrigger = z.object({ cron: z.string().min(1), jitter: z.string().optional() });
const concurrencyOption = z.object({
  limit: z.number().int(),
  key: z.string().optional(),
  scope: z.enum(["fn", "env", "account"]).optional(),
});

export const functionConfigSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  triggers: z.array(z.union([eventTrigger, cronTrigger])).default([]),
  steps: z.record(
    z.string(),
    z.looseObject({
      runtime: z.looseObject({ url: z.url() }),
      retries: z.object({ attempts: z.number().int().min(0).optional() }).optional(),
    }),
  ),
  cancel: z
    .array(z.object({ event: z.string().min(1), if: z.string().optional(), timeout: z.string().optional() }))
    .optional(),
  concurrency: z.union([z.number().int(), concurrencyOption, z.array(concurrencyOption)]).optional(),
  debounce: z
    .object({ key: z.string().optional(), period: z.string().min(1), timeout: z.string().optional() })
    .optional(),
});

export type FunctionConfig = z.infer<typeof functionConfigSchema>;

export const registerRequestSchema = z.looseObject({
  url: z.url(),
  appName: z.string().min(1),
  sdk: z.string().optional(),
  functions: z.array(functionConfigSchema),
});

/** Flow-control options the engine does not implement: synced, logged, not enforced. */
export const IGNORED_OPTIONS = [
  "idempotency",
  "batchEvents",
  "rateLimit",
  "throttle",
  "priority",
  "timeouts",
  "singleton",
];

export function ignoredOptions(fn: FunctionConfig): string[] {
  return IGNORED_OPTIONS.filter((key) => fn[key] !== undefined && fn[key] !== null);
}

// Inngest caps retries at 20; with none configured the SDK's default is 3 retries.
const DEFAULT_RETRIES = 3;
const MAX_RETRIES = 20;

/** Attempts per call: the `retries` option counts retries, so one more than that. */
export function maxAttempts(fn: FunctionConfig): number {
  const retries = fn.steps.step?.retries?.attempts ?? DEFAULT_RETRIES;
  return Math.min(retries, MAX_RETRIES) + 1;
}

/** The SDK endpoint for this function, with `fnId` and `stepId` set. */
export function callUrl(fn: FunctionConfig, stepId: string): string {
  const runtimeUrl = fn.steps.step?.runtime.url ?? Object.values(fn.steps)[0]?.runtime.url;
  if (!runtimeUrl) throw new Error(`Function "${fn.id}" has no step runtime URL in its sync payload`);
  const url = new URL(runtimeUrl);
  url.searchParams.set("fnId", fn.id);
  url.searchParams.set("stepId", stepId);
  return url.toString();
}

function eventNameMatches(pattern: string, name: string): boolean {
  // A trailing "*" matches a prefix ("app/*"), as Inngest's wildcard triggers do.
  return pattern.endsWith("*") ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

/** Whether an event starts a run of this function (name and optional CEL expression). */
export function triggeredBy(fn: FunctionConfig, event: InngestEvent): boolean {
  return fn.triggers.some(
    (trigger) =>
      "event" in trigger &&
      eventNameMatches(trigger.event, event.name) &&
      (!trigger.expression || celMatches(trigger.expression, { event })),
  );
}

export function cronSchedules(fn: FunctionConfig): string[] {
  return fn.triggers.flatMap((trigger) => ("cron" in trigger ? [trigger.cron] : []));
}

// A key expression that cannot be evaluated for an event (a missing field) puts the run in
// the group of the empty key rather than failing it: one shared queue, still limited.
function keyValue(expression: string, event: InngestEvent): string {
  try {
    return celKey(expression, { event });
  } catch {
    return "";
  }
}

/** The group of a debounced function's events that share one pending run: the function and its key's value. */
export function debounceGroup(fn: FunctionConfig, event: InngestEvent): string {
  const key = fn.debounce?.key;
  return `${fn.id}:${key ? `${key}=${keyValue(key, event)}` : ""}`;
}

/**
 * The concurrency groups a run of `fn` for `event` joins. Keys are scoped to the function
 * unless the option says "env" or "account" (shared by every function using that key).
 */
export function concurrencySlots(fn: FunctionConfig, event: InngestEvent): ConcurrencySlot[] {
  const raw = fn.concurrency;
  if (raw === undefined) return [];
  const options = typeof raw === "number" ? [{ limit: raw }] : Array.isArray(raw) ? raw : [raw];
  return options
    .filter((option) => option.limit > 0)
    .map((option) => {
      const scope = "scope" in option && option.scope && option.scope !== "fn" ? option.scope : `fn:${fn.id}`;
      const key = "key" in option && option.key ? `${option.key}=${keyValue(option.key, event)}` : "";
      return { key: `${scope}:${key}`, limit: option.limit };
    });
}
