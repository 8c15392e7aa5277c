import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/platform/errors";
import { failureReason } from "./failure-reason";

describe("failureReason", () => {
  it("keeps what Mergeline's own errors say to people", () => {
    expect(failureReason(new AppError("conflict:plan", "The run has no approved plan"))).toBe(
      "The run has no approved plan",
    );
  });

  it("never shows a database error's SQL or parameters", () => {
    const error = new Error('Failed query: insert into "validations" ("output") values ($1)\nparams: secret output');
    error.name = "DrizzleQueryError";
    const reason = failureReason(error);
    expect(reason).not.toMatch(/insert|params|secret|validations/);
    expect(reason).toMatch(/server log/);
  });

  it("does not trust a readable error that wraps SQL either", () => {
    const error = new AppError("internal:db", 'Failed query: select 1 from "runs"');
    expect(failureReason(error)).not.toMatch(/select/);
  });

  it("names the model provider's refusal", () => {
    const error = new Error("Incorrect API key provided");
    error.name = "AI_APICallError";
    expect(failureReason(error)).toBe("The model provider answered with an error: Incorrect API key provided");
  });
});
