import { describe, expect, it } from "vitest";
import { languageOf } from "./language-of";
import { parseSource } from "./parse-source";
import type { ParsedSymbol } from "./types";

const brief = (symbols: ParsedSymbol[]) =>
  symbols.map(
    (s) =>
      `${s.kind} ${s.container ? `${s.container}.` : ""}${s.name} ${s.startLine}-${s.endLine}${s.exported ? " exported" : ""}`,
  );

describe("languageOf", () => {
  it("knows the parsed languages by extension, and nothing else", () => {
    expect(["a.ts", "b.mts", "c.tsx", "d.js", "e.cjs", "f.jsx", "g.py", "h.go"].map(languageOf)).toEqual([
      "typescript",
      "typescript",
      "tsx",
      "javascript",
      "javascript",
      "javascript",
      "python",
      "go",
    ]);
    expect(["README.md", "Makefile", ".ts", "x.json"].map(languageOf)).toEqual([null, null, null, null]);
  });
});

describe("parseSource", () => {
  it("TypeScript: functions, classes with methods, interfaces, types, enums, namespaces and exports", async () => {
    const content = [
      'import { x } from "./x";', // 1
      "", // 2
      "/** Adds. */", // 3
      "export function add(a: number, b: number): number {", // 4
      "  const inner = () => a;", // 5
      "  return a + b;", // 6
      "}", // 7
      "", // 8
      "export class Cart<T> {", // 9
      "  private items: T[] = [];", // 10
      "  total(): number {", // 11
      "    return 0;", // 12
      "  }", // 13
      "  handle = (event: string) => event;", // 14
      "}", // 15
      "", // 16
      "export interface Item { sku: string }", // 17
      "type Price = number;", // 18
      "export enum Color { Red }", // 19
      "export const fetchCart = async (id: string) => id;", // 20
      "const limit = 3, other = 4;", // 21
      "namespace Tools {", // 22
      "  export function tool() {}", // 23
      "}", // 24
      "export { limit };", // 25
      "export default class {}", // 26
    ].join("\n");
    const parsed = await parseSource({ language: "typescript", content });
    expect(brief(parsed.symbols)).toEqual([
      "function add 4-7 exported",
      "class Cart 9-15 exported",
      "method Cart.total 11-13",
      "method Cart.handle 14-14",
      "interface Item 17-17 exported",
      "type Price 18-18",
      "enum Color 19-19 exported",
      "function fetchCart 20-20 exported",
      "constant limit 21-21 exported",
      "constant other 21-21",
      "namespace Tools 22-24",
      "function Tools.tool 23-23 exported",
    ]);
    expect(parsed.symbols[0]).toMatchObject({
      docStartLine: 3,
      signature: "export function add(a: number, b: number): number {",
    });
    expect(parsed.symbols[2]!.parent).toBe(1);
    expect(parsed.syntaxErrorLines).toEqual([]);
  });

  it("TSX components", async () => {
    const content = "export function Button({ label }: { label: string }) {\n  return <button>{label}</button>;\n}\n";
    expect(brief((await parseSource({ language: "tsx", content })).symbols)).toEqual(["function Button 1-3 exported"]);
  });

  it("JavaScript: CommonJS exports and prototype methods", async () => {
    const content = [
      "function Stack() { this.items = []; }", // 1
      "Stack.prototype.push = function (item) {", // 2
      "  this.items.push(item);", // 3
      "};", // 4
      "exports.create = () => new Stack();", // 5
      "module.exports = function make() {};", // 6
      "class Queue { pop() {} #secret() {} }", // 7
    ].join("\n");
    expect(brief((await parseSource({ language: "javascript", content })).symbols)).toEqual([
      "function Stack 1-1",
      "method Stack.push 2-4",
      "function create 5-5 exported",
      "function make 6-6 exported",
      "class Queue 7-7",
      "method Queue.pop 7-7",
      "method Queue.#secret 7-7",
    ]);
  });

  it("Python: functions, classes, methods with decorators, module constants", async () => {
    const content = [
      "import os", // 1
      "MAX_ITEMS = 10", // 2
      "_cache = {}", // 3
      "", // 4
      "@dataclass", // 5
      "class Cart:", // 6
      '    """A cart."""', // 7
      "    def total(self):", // 8
      "        return 0", // 9
      "", // 10
      "    @property", // 11
      "    def _hidden(self):", // 12
      "        pass", // 13
      "", // 14
      "def add(a, b):", // 15
      "    def inner():", // 16
      "        pass", // 17
      "    return a + b", // 18
    ].join("\n");
    expect(brief((await parseSource({ language: "python", content })).symbols)).toEqual([
      "constant MAX_ITEMS 2-2 exported",
      "variable _cache 3-3",
      "class Cart 5-13 exported",
      "method Cart.total 8-9 exported",
      "method Cart._hidden 11-13",
      "function add 15-18 exported",
    ]);
  });

  it("Go: functions, methods by receiver, structs, interfaces, constants and variables", async () => {
    const content = [
      "package cart", // 1
      "", // 2
      "const Max = 10", // 3
      "const (", // 4
      "\tlow = 1", // 5
      "\tHigh = 2", // 6
      ")", // 7
      "var registry = map[string]int{}", // 8
      "", // 9
      "type Cart struct {", // 10
      "\tItems []string", // 11
      "}", // 12
      "type Store interface{ Get() }", // 13
      "type ID string", // 14
      "", // 15
      "func (c *Cart) Total() int {", // 16
      "\treturn 0", // 17
      "}", // 18
      "func (b Box[T]) Open() {}", // 19
      "func New() *Cart { return &Cart{} }", // 20
    ].join("\n");
    expect(brief((await parseSource({ language: "go", content })).symbols)).toEqual([
      "constant Max 3-3 exported",
      "constant low 5-5",
      "constant High 6-6 exported",
      "variable registry 8-8",
      "struct Cart 10-12 exported",
      "interface Store 13-13 exported",
      "type ID 14-14 exported",
      "method Cart.Total 16-18 exported",
      "method Box.Open 19-19 exported",
      "function New 20-20 exported",
    ]);
  });

  it("keeps the symbols around a syntax error and says where it is", async () => {
    const content = "export function good() {}\n\nfunction broken( {\n\nexport class Fine {}\n";
    const parsed = await parseSource({ language: "typescript", content });
    expect(parsed.symbols.map((s) => s.name)).toContain("good");
    expect(parsed.syntaxErrorLines.length).toBeGreaterThan(0);
  });
});
