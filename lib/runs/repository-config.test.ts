import { describe, expect, it } from "vitest";
import { parseRepositoryConfig } from "@/lib/runs/repository-config";

describe("parseRepositoryConfig", () => {
  it("reads commands (one or a list), pages and a budget", () => {
    const config = parseRepositoryConfig(
      [
        "setup: npm ci",
        "test:",
        "  - npm test",
        "  - npm run lint",
        "preview: npm start",
        "pages: [/, /cart]",
        "budget:",
        "  attempts: 2",
        "  minutes: 30",
      ].join("\n"),
    );
    expect(config.overrides).toEqual({
      setupCommands: ["npm ci"],
      testCommands: ["npm test", "npm run lint"],
      previewCommand: "npm start",
      previewPages: ["/", "/cart"],
    });
    expect(config.budget).toEqual({ maxAttempts: 2, maxMinutes: 30 });
    expect(parseRepositoryConfig("")).toEqual({ overrides: {}, budget: null });
  });

  it("names the line and what is wrong in a malformed file", () => {
    expect(() => parseRepositoryConfig("test: [npm test\nsetup: x")).toThrow(/^\.mergeline\.yml line \d+: /);
    expect(() => parseRepositoryConfig("setup: npm ci\nautoMerge: auto-when-green\n")).toThrow(
      /\.mergeline\.yml.*autoMerge/,
    );
    expect(() => parseRepositoryConfig("setup: npm ci\npages:\n  - cart\n")).toThrow(
      /\.mergeline\.yml line 3: pages\.0: a page is a path starting with \//,
    );
    expect(() => parseRepositoryConfig("budget:\n  attempts: 100\n")).toThrow(/budget\.attempts/);
  });
});
