import { describe, expect, it } from "vitest";
import {
  callUrl,
  concurrencySlots,
  type FunctionConfig,
  functionConfigSchema,
  maxAttempts,
  triggeredBy,
} from "./function-config";

const step = (extra: Record<string, unknown> = {}) => ({
  step: {
    id: "step",
    name: "step",
    runtime: { type: "http", url: "http://127.0.0.1:3000/api/inngest?fnId=app-fn&stepId=step" },
    ...extra,
  },
});
const fn = (config: Record<string, unknown>): FunctionConfig =>
  functionConfigSchema.parse({ id: "app-fn", steps: step(), ...config });
const event = (name: string, data: Record<string, unknown> = {}) => ({ id: "e1", name, data, ts: 0 });

describe("function config", () => {
  it("matches triggers by name, wildcard and CEL expression", () => {
    const config = fn({
      triggers: [
        { event: "run/requested", expression: "event.data.n > 1" },
        { event: "github/*" },
        { cron: "* * * * *" },
      ],
    });
    expect(triggeredBy(config, event("run/requested", { n: 2 }))).toBe(true);
    expect(triggeredBy(config, event("run/requested", { n: 1 }))).toBe(false);
    expect(triggeredBy(config, event("github/issues.opened"))).toBe(true);
    expect(triggeredBy(config, event("other/thing"))).toBe(false);
  });

  it("counts attempts as retries + 1, with the SDK's default of 3 retries", () => {
    expect(maxAttempts(fn({}))).toBe(4);
    expect(maxAttempts(fn({ steps: step({ retries: { attempts: 0 } }) }))).toBe(1);
    expect(maxAttempts(fn({ steps: step({ retries: { attempts: 50 } }) }))).toBe(21);
  });

  it("builds the call URL with fnId and stepId", () => {
    const url = new URL(callUrl(fn({}), "abc123"));
    expect(url.searchParams.get("fnId")).toBe("app-fn");
    expect(url.searchParams.get("stepId")).toBe("abc123");
  });

  it("puts runs in concurrency groups by evaluated key and scope", () => {
    const config = fn({
      concurrency: [
        { limit: 1, key: "event.data.repo" },
        { limit: 5, key: '"ai"', scope: "account" },
      ],
    });
    expect(concurrencySlots(config, event("x", { repo: "a/b" }))).toEqual([
      { key: "fn:app-fn:event.data.repo=a/b", limit: 1 },
      { key: 'account:"ai"=ai', limit: 5 },
    ]);
    expect(concurrencySlots(fn({ concurrency: 2 }), event("x"))).toEqual([{ key: "fn:app-fn:", limit: 2 }]);
    expect(concurrencySlots(fn({ concurrency: { limit: 1, key: "event.data.missing" } }), event("x"))).toEqual([
      { key: "fn:app-fn:event.data.missing=", limit: 1 },
    ]);
  });
});
