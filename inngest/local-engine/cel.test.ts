import { describe, expect, it } from "vitest";
import { celKey, celMatches, checkCel } from "./cel";

const event = { name: "run/requested", data: { runId: "r1", amount: 150, user: { plan: "pro" } } };

describe("celMatches", () => {
  it("evaluates waitForEvent and cancelOn expressions over event and async", () => {
    expect(celMatches("async.data.runId == event.data.runId", { event, async: { data: { runId: "r1" } } })).toBe(true);
    expect(celMatches("async.data.runId == event.data.runId", { event, async: { data: { runId: "r2" } } })).toBe(false);
    expect(celMatches("event.data.amount > 100 && event.data.user.plan == 'pro'", { event })).toBe(true);
  });

  it("treats a missing field or a non-boolean result as no match", () => {
    expect(celMatches("async.data.missing == event.data.runId", { event, async: { data: {} } })).toBe(false);
    expect(celMatches("event.data.runId", { event })).toBe(false);
  });
});

describe("celKey", () => {
  it("turns a key expression's value into a string", () => {
    expect(celKey("event.data.runId", { event })).toBe("r1");
    expect(celKey("event.data.amount", { event })).toBe("150");
    expect(celKey('event.data.user.plan + "-" + event.data.runId', { event })).toBe("pro-r1");
  });
});

describe("checkCel", () => {
  it("throws on an expression that does not parse", () => {
    expect(() => checkCel("event.data.a ==")).toThrow();
    expect(() => checkCel("event.data.a == 1")).not.toThrow();
  });
});
