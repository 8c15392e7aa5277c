// A minimal GraphQL reader for the emulator: one operation, fields with arguments, aliases,
// nested selections and variables. Enough to check and answer the few operations we support.

export type GqlValue =
  | string
  | number
  | boolean
  | null
  | { variable: string }
  | { enum: string }
  | GqlValue[]
  | { [key: string]: GqlValue };
export type GqlField = { alias: string; name: string; args: Record<string, GqlValue>; selections: GqlField[] };
export type GqlOperation = {
  type: "query" | "mutation";
  variables: { name: string; type: string }[];
  selections: GqlField[];
};

const TOKEN =
  /\s*(?:(#[^\n]*)|("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(\.\.\.|[{}()[\]:!$,=@]))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) {
      if (/^\s*$/.test(source.slice(start))) break;
      throw new Error(`Syntax error at offset ${start}`);
    }
    if (match[1]) continue;
    const token = match[2] ?? match[3] ?? match[4] ?? match[5];
    if (token && token !== ",") tokens.push(token);
  }
  return tokens;
}

export function parseGraphql(source: string): GqlOperation {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => {
    if (i >= tokens.length) throw new Error("Unexpected end of document");
    return tokens[i++];
  };
  const expect = (token: string) => {
    const got = next();
    if (got !== token) throw new Error(`Expected ${token}, got ${got}`);
  };
  const value = (): GqlValue => {
    const token = next();
    if (token === "$") return { variable: next() };
    if (token.startsWith('"')) return JSON.parse(token) as string;
    if (/^-?\d/.test(token)) return Number(token);
    if (token === "true" || token === "false") return token === "true";
    if (token === "null") return null;
    if (token === "[") {
      const list: GqlValue[] = [];
      while (peek() !== "]") list.push(value());
      expect("]");
      return list;
    }
    if (token === "{") {
      const object: Record<string, GqlValue> = {};
      while (peek() !== "}") {
        const key = next();
        expect(":");
        object[key] = value();
      }
      expect("}");
      return object;
    }
    return { enum: token };
  };
  const selectionSet = (): GqlField[] => {
    expect("{");
    const fields: GqlField[] = [];
    while (peek() !== "}") {
      if (peek() === "...") throw new Error("Fragments are not supported by the emulator");
      let alias = next();
      let name = alias;
      if (peek() === ":") {
        next();
        name = next();
      }
      const args: Record<string, GqlValue> = {};
      if (peek() === "(") {
        next();
        while (peek() !== ")") {
          const key = next();
          expect(":");
          args[key] = value();
        }
        expect(")");
      }
      fields.push({ alias, name, args, selections: peek() === "{" ? selectionSet() : [] });
      alias = "";
    }
    expect("}");
    return fields;
  };
  let type: GqlOperation["type"] = "query";
  const variables: GqlOperation["variables"] = [];
  if (peek() === "query" || peek() === "mutation") {
    type = next() as GqlOperation["type"];
    if (peek() !== "(" && peek() !== "{") next();
    if (peek() === "(") {
      next();
      while (peek() !== ")") {
        expect("$");
        const name = next();
        expect(":");
        let typeName = "";
        while (peek() !== ")" && peek() !== "$" && peek() !== "=") typeName += next();
        if (peek() === "=") {
          next();
          value();
        }
        variables.push({ name, type: typeName });
      }
      expect(")");
    }
  }
  const selections = selectionSet();
  if (i !== tokens.length) throw new Error("Only one operation per document is supported");
  return { type, variables, selections };
}
