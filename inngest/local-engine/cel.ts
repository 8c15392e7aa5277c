import { parse, type ParseResult } from "@marcbachmann/cel-js";

// Expressions of triggers, waitForEvent `if`, cancelOn `if` and concurrency keys are CEL,
// evaluated over JSON (`event`, and `async` for the candidate event). Parsed once each.
const cache = new Map<string, ParseResult>();
const MAX_CACHED = 1000;

function compile(expression: string): ParseResult {
  let compiled = cache.get(expression);
  if (!compiled) {
    compiled = parse(expression);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(expression, compiled);
  }
  return compiled;
}

export type CelVariables = { event: unknown; async?: unknown };

/** Throws a ParseError for an expression that is not valid CEL: used to reject it early. */
export function checkCel(expression: string): void {
  compile(expression);
}

/**
 * Whether an expression holds. A missing field (`No such key`) or a type error counts as
 * "does not match", as Inngest treats expressions over absent data.
 */
export function celMatches(expression: string, variables: CelVariables): boolean {
  try {
    return compile(expression)(variables) === true;
  } catch {
    return false;
  }
}

/** An expression's value as a string key (concurrency keys); throws on evaluation errors. */
export function celKey(expression: string, variables: CelVariables): string {
  const value: unknown = compile(expression)(variables);
  if (typeof value === "string") return value;
  if (typeof value === "bigint" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "";
  return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "bigint" ? inner.toString() : inner));
}
