import fc from "fast-check";
import type { Baseline, FuzzCase, JsonSchema, MalformedKind, OpenApiOperation } from "./fuzz-case";
import { malformedValues } from "./malformed-values";

// Malformed bodies of an operation, each the baseline body with one thing broken: a NUL in
// a string field or a field name, a field of the wrong type, a required field missing, an
// unknown field, nesting past 32 levels, more than 1 MiB, text that is not JSON or not
// declared as JSON, JSON that is not an object, nothing at all.

const MAX_BODY_BYTES = 1024 * 1024;
const { refused, text, withNul, typeOf, ofType } = malformedValues;

function typesOf(schema: JsonSchema): Set<string> | null {
  const listed = (schema.anyOf ?? schema.oneOf ?? [schema]).flatMap((branch) =>
    branch.const !== undefined ? [typeOf(branch.const)] : branch.type === undefined ? [] : [branch.type].flat(),
  );
  if (listed.length === 0) return null;
  return new Set(listed.map((type) => (type === "integer" ? "number" : type)));
}

/** Paths (through objects and into first array items) of the string fields a schema describes. */
function stringPaths(schema: JsonSchema, prefix: (string | number)[] = []): (string | number)[][] {
  if (prefix.length > 4) return [];
  const branches = schema.anyOf ?? schema.oneOf ?? [schema];
  return branches.flatMap((branch) => {
    if (branch.type === "string") return [prefix];
    if (branch.type === "array" && branch.items) return stringPaths(branch.items, [...prefix, 0]);
    return Object.entries(branch.properties ?? {}).flatMap(([name, property]) =>
      stringPaths(property, [...prefix, name]),
    );
  });
}

function withValueAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === "number") {
    const list = Array.isArray(body) ? [...body] : [];
    list[head] = withValueAt(list[head], rest, value);
    return list;
  }
  const record = (typeof body === "object" && body !== null && !Array.isArray(body) ? body : {}) as Record<
    string,
    unknown
  >;
  return { ...record, [head!]: withValueAt(record[head!], rest, value) };
}

const isJson = (content: string) => {
  try {
    JSON.parse(content);
    return true;
  } catch {
    return false;
  }
};

const kind = (name: string, cases: fc.Arbitrary<FuzzCase>): MalformedKind => ({ kind: `body: ${name}`, cases });
const jsonCase = (json: unknown, expected: FuzzCase["expected"]): FuzzCase => ({
  request: { path: {}, query: [], body: { json }, auth: "admin" },
  expected,
});
const textCase = (content: string, contentType: string | null, expected: FuzzCase["expected"]): FuzzCase => ({
  request: { path: {}, query: [], body: { text: content, contentType }, auth: "admin" },
  expected,
});

export function bodyKinds(operation: OpenApiOperation, baseline: Baseline): MalformedKind[] {
  const requestBody = operation.requestBody;
  if (!requestBody) return [];
  const schema = requestBody.content["application/json"].schema;
  const base = baseline.body ?? {};
  // For a union, the branch the baseline is in (its discriminator's const matches).
  const branch =
    (schema.oneOf ?? schema.anyOf)?.find((candidate) =>
      Object.entries(candidate.properties ?? {}).every(
        ([name, property]) => property.const === undefined || property.const === base[name],
      ),
    ) ?? schema;
  const properties = branch.properties ?? {};
  const kinds: MalformedKind[] = [];

  const nulTargets = stringPaths(branch).filter((path) => path.length > 0);
  if (nulTargets.length > 0)
    kinds.push(
      kind(
        "a NUL in a string field",
        fc
          .tuple(fc.constantFrom(...nulTargets), withNul)
          .map(([path, value]) =>
            jsonCase(withValueAt(base, path, value), refused(400, `bad_request:${path.join(".")}`)),
          ),
      ),
    );
  kinds.push(
    kind(
      "a NUL in a field name",
      withNul.map((key) => jsonCase({ ...base, [key]: "value" }, refused(400, "bad_request:body"))),
    ),
  );

  const typed = Object.entries(properties).flatMap(([name, property]) => {
    const types = typesOf(property);
    const wrong = types && Object.keys(ofType).filter((type) => !types.has(type));
    return wrong?.length ? [fc.tuple(fc.constant(name), fc.oneof(...wrong.map((type) => ofType[type]!)))] : [];
  });
  if (typed.length > 0)
    kinds.push(
      kind(
        "a field of the wrong type",
        fc
          .oneof(...typed)
          .map(([name, value]) => jsonCase({ ...base, [name]: value }, refused(400, `bad_request:${name}`, "field"))),
      ),
    );

  const required = (branch.required ?? []).filter((name) => name in base);
  if (required.length > 0)
    kinds.push(
      kind(
        "a required field missing",
        fc.constantFrom(...required).map((name) => {
          const { [name]: _missing, ...rest } = base;
          return jsonCase(rest, refused(400, `bad_request:${name}`));
        }),
      ),
    );

  if (branch.additionalProperties === false) {
    const name = fc
      .string({ unit: "binary", minLength: 1, maxLength: 16 })
      .filter((key) => !(key in properties) && !key.includes("\u0000"));
    kinds.push(
      kind(
        "an unknown field",
        fc
          .tuple(name, text)
          .map(([key, value]) => jsonCase({ ...base, [key]: value }, refused(400, `bad_request:${key}`))),
      ),
    );
  }

  const depth = fc.oneof(fc.integer({ min: 33, max: 64 }), fc.integer({ min: 1_000, max: 200_000 }));
  kinds.push(
    kind(
      "JSON nested too deep",
      fc.tuple(depth, fc.boolean()).map(([levels, arrays]) => {
        const [open, close] = arrays ? ["[", "]"] : ['{"a":', "}"];
        const nested = `{"nested":${open.repeat(levels)}1${close.repeat(levels)}}`;
        return textCase(nested, "application/json", refused(400, "bad_request:body"));
      }),
    ),
  );
  kinds.push(
    kind(
      "larger than 1 MiB",
      fc
        .integer({ min: 1, max: 64 * 1024 })
        .map((extra) =>
          jsonCase({ ...base, padding: "x".repeat(MAX_BODY_BYTES + extra) }, refused(413, "payload_too_large:body")),
        ),
    ),
  );
  kinds.push(
    kind(
      "not JSON",
      fc
        .string({ unit: "binary", minLength: 1, maxLength: 64 })
        .filter((content) => content.trim() !== "" && !isJson(content))
        .map((content) => textCase(content, "application/json", refused(400, "bad_request:body"))),
    ),
  );
  kinds.push(
    kind(
      "not declared as JSON",
      fc
        .constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
          "application/jsonx",
          "json",
          null,
        )
        .map((type) => textCase(JSON.stringify(base), type, refused(400, "bad_request:content_type"))),
    ),
  );
  kinds.push(
    kind(
      "JSON that is not an object",
      fc
        .oneof(
          fc.constantFrom("null", "0", "-1.5", "true", '"text"', "[]", "[{}]"),
          fc
            .jsonValue({ maxDepth: 2 })
            .filter((value) => typeOf(value) !== "object")
            .map((value) => JSON.stringify(value)),
        )
        .map((content) => textCase(content, "application/json", refused(400, "bad_request:body"))),
    ),
  );
  if (requestBody.required)
    kinds.push(
      kind(
        "empty",
        fc
          .constantFrom("", " ", "\n\t ")
          .map((content) => textCase(content, "application/json", refused(400, "bad_request:body"))),
      ),
    );
  return kinds;
}
