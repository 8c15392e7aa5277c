import { parseDiff, tokenize } from "react-diff-view";
import { describe, expect, it } from "vitest";
import { loadHighlighter } from "./load-highlighter";

const diff = `diff --git a/src/cart.js b/src/cart.js
index 1111111..2222222 100644
--- a/src/cart.js
+++ b/src/cart.js
@@ -1,3 +1,7 @@
 export function addItem(cart, item) {
   return [...cart, item];
 }
+
+export function removeItem(cart, sku) {
+  return cart.filter((line) => line.sku !== sku); // keep the others
+}
`;

type Token = { type: string; value?: string; properties?: { className?: string[] }; children?: Token[] };
const classes = (tokens: Token[]): string[] =>
  tokens.flatMap((token) => [...(token.properties?.className ?? []), ...classes(token.children ?? [])]);

describe("loadHighlighter", () => {
  it("adapts refractor 5 to the refractor 2 API react-diff-view's tokenize expects", async () => {
    const [file] = parseDiff(diff);
    const highlighter = await loadHighlighter(file!.newPath);
    expect(highlighter?.language).toBe("javascript");
    const tokens = tokenize(file!.hunks, {
      highlight: true,
      refractor: highlighter!.refractor as never,
      language: highlighter!.language,
    });
    // One token list per line of the new side; the added function's line is highlighted.
    const line = tokens.new[4] as Token[];
    expect(classes(line)).toEqual(expect.arrayContaining(["token", "keyword", "function"]));
    expect(classes(tokens.new[5] as Token[])).toContain("comment");
  });

  it("loads TSX with the grammars it builds on, and knows no language for unknown files", async () => {
    const tsx = await loadHighlighter("app/page.tsx");
    expect(tsx?.language).toBe("tsx");
    expect(tsx!.refractor.highlight("const a: number = <b>1</b>;", "tsx").length).toBeGreaterThan(1);
    expect(await loadHighlighter("LICENSE")).toBeNull();
    expect(await loadHighlighter("data.bin")).toBeNull();
  });
});
