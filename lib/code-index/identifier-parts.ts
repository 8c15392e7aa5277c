const PART = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;

/** An identifier's words, lower-cased: `parseHTTPResponse_v2` -> parse, http, response, v, 2. */
export function identifierParts(identifier: string): string[] {
  return (identifier.match(PART) ?? []).map((part) => part.toLowerCase());
}
