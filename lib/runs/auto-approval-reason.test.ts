import { describe, expect, it } from "vitest";
import { autoApprovalReason } from "./auto-approval-reason";

const project = (autoConfirmPlans: boolean) => ({ settings: { autoConfirmPlans } });

describe("autoApprovalReason", () => {
  it("names the run when it asked for auto-approve and the project does not", () => {
    expect(autoApprovalReason({ source: "api", autoConfirmSource: "run" }, project(true))).toBe(
      "Approved automatically: the run was started with auto-approve through the API",
    );
  });

  it("names the project's setting when that is what approved it", () => {
    expect(autoApprovalReason({ source: "dashboard", autoConfirmSource: "project" }, project(false))).toBe(
      "Approved automatically: the project's settings approve plans automatically",
    );
  });

  it("judges older runs by the project's setting", () => {
    expect(autoApprovalReason({ source: "api", autoConfirmSource: null }, project(false))).toMatch(
      /the run was started/,
    );
    expect(autoApprovalReason({ source: "api", autoConfirmSource: null }, project(true))).toMatch(/project's settings/);
  });
});
