import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback-url";

describe("safeCallbackUrl", () => {
  it("keeps a path on this site with its query", () => {
    expect(safeCallbackUrl("/runs/3f1c2a9e-8a3b-4d6c-9e1f-0a2b3c4d5e6f?tab=plan")).toBe(
      "/runs/3f1c2a9e-8a3b-4d6c-9e1f-0a2b3c4d5e6f?tab=plan",
    );
    expect(safeCallbackUrl("/")).toBe("/");
  });

  it("never leads to another site", () => {
    for (const evil of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      " /x",
      "",
      undefined,
      null,
      42,
    ]) {
      expect(safeCallbackUrl(evil)).toBe("/");
    }
  });

  it("does not loop back to the sign-in pages", () => {
    expect(safeCallbackUrl("/signin")).toBe("/");
    expect(safeCallbackUrl("/signin/one-time?token=x")).toBe("/");
    expect(safeCallbackUrl("/api/auth/signout")).toBe("/");
    expect(safeCallbackUrl("/signing-policy")).toBe("/signing-policy");
  });
});
