import { describe, expect, it } from "vitest";
import { defaultProjectSettings } from "@/lib/projects/settings";
import { reviewBlockers } from "@/lib/reviews/review-blockers";

const finding = (kind: string, severity: string, status = "open") => ({
  kind,
  severity,
  status,
  title: `${kind} ${severity}`,
  path: "src/a.ts",
  line: 3,
});

describe("reviewBlockers", () => {
  it("blocks on secrets by default, and on nothing else", () => {
    const settings = defaultProjectSettings();
    expect(reviewBlockers({ settings, findings: [finding("secret", "critical")], vulnerabilities: 0 })).toEqual([
      "1 secret in the diff (src/a.ts:3)",
    ]);
    expect(
      reviewBlockers({
        settings,
        findings: [finding("ai", "critical"), finding("vulnerability", "high")],
        vulnerabilities: 1,
      }),
    ).toEqual([]);
    expect(
      reviewBlockers({ settings, findings: [finding("secret", "critical", "resolved")], vulnerabilities: 0 }),
    ).toEqual([]);
  });

  it("blocks on a severity and worse, and on known vulnerabilities, when the policy says so", () => {
    const settings = defaultProjectSettings({
      reviewPolicy: { blockOnSecrets: false, blockOnSeverity: "high", blockOnVulnerabilities: true },
    });
    const reasons = reviewBlockers({
      settings,
      findings: [finding("secret", "critical"), finding("ai", "high"), finding("ai", "medium")],
      vulnerabilities: 2,
    });
    expect(reasons).toEqual([
      "2 known vulnerabilities in dependency versions",
      "2 findings of severity high or worse (src/a.ts:3, src/a.ts:3)",
    ]);
    const medium = defaultProjectSettings({
      reviewPolicy: { blockOnSecrets: true, blockOnSeverity: "medium", blockOnVulnerabilities: false },
    });
    expect(reviewBlockers({ settings: medium, findings: [finding("complexity", "low")], vulnerabilities: 0 })).toEqual(
      [],
    );
    expect(reviewBlockers({ settings: medium, findings: [finding("ai", "medium")], vulnerabilities: 0 })).toHaveLength(
      1,
    );
  });
});
