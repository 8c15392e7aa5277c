import { parseDiff } from "react-diff-view";
import { describe, expect, it } from "vitest";
import { editAsUnifiedDiff } from "./edit-as-unified-diff";

const changesOf = (diff: string) =>
  parseDiff(diff)[0]!.hunks.flatMap((hunk) => hunk.changes.map((change) => [change.type, change.content]));

describe("editAsUnifiedDiff", () => {
  it("keeps the lines both texts share and marks the rest, at the line the tool reported", () => {
    const diff = editAsUnifiedDiff({
      path: "src/cart.js",
      oldText: "export function addItem(cart, item) {\n  return [...cart, item];\n}\n",
      newText:
        "export function addItem(cart, item) {\n  return [...cart, item];\n}\n\nexport function removeItem(cart, id) {\n  return cart.filter((item) => item.id !== id);\n}\n",
      line: 12,
    });
    expect(diff).toContain("@@ -12,3 +12,7 @@");
    expect(changesOf(diff)).toEqual([
      ["normal", "export function addItem(cart, item) {"],
      ["normal", "  return [...cart, item];"],
      ["normal", "}"],
      ["insert", ""],
      ["insert", "export function removeItem(cart, id) {"],
      ["insert", "  return cart.filter((item) => item.id !== id);"],
      ["insert", "}"],
    ]);
  });

  it("shows a changed line as removed then added", () => {
    const diff = editAsUnifiedDiff({
      path: "a.ts",
      oldText: "const a = 1;\nconst b = 2;",
      newText: "const a = 1;\nconst b = 3;",
    });
    expect(changesOf(diff)).toEqual([
      ["normal", "const a = 1;"],
      ["delete", "const b = 2;"],
      ["insert", "const b = 3;"],
    ]);
  });

  it("shows a deletion with nothing added", () => {
    const diff = editAsUnifiedDiff({ path: "a.ts", oldText: "gone\n", newText: "", line: 4 });
    expect(diff).toContain("@@ -4,1 +3,0 @@");
    expect(changesOf(diff)).toEqual([["delete", "gone"]]);
  });
});
