import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

export type JsonObject = Record<string, unknown>;
export type GitHubSpec = {
  paths: Record<string, Record<string, JsonObject>>;
  "x-webhooks": Record<string, Record<string, JsonObject>>;
  components: Record<string, Record<string, JsonObject>>;
};

let cached: GitHubSpec | undefined;

// OpenAPI 3.0 `nullable` is not JSON Schema: rewrite it to a null type (or an anyOf when
// the schema has no type, e.g. allOf/$ref), and point component refs at the schema id
// the validator registers them under (one Ajv schema per component, compiled once).
function transform(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(transform);
  if (!node || typeof node !== "object") return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node as JsonObject)) {
    if (key === "example" || key === "examples" || key === "description") {
      out[key] = value;
      continue;
    }
    out[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")
        ? `ghs-${value.slice("#/components/schemas/".length)}`
        : transform(value);
  }
  // Erratum: some inlined installation schemas say allOf [Simple User, Enterprise], which no
  // real account satisfies (the $ref'd component says anyOf); GitHub sends one or the other.
  const parts = out.allOf as JsonObject[] | undefined;
  if (parts?.length === 2 && parts[0].title === "Simple User" && parts[1].title === "Enterprise") {
    out.anyOf = parts;
    delete out.allOf;
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: "null" }] };
  }
  if (out.nullable === false) delete out.nullable;
  return out;
}

/** The api.github.com OpenAPI description, parsed once per process and made JSON-Schema clean. */
export function loadGitHubSpec(): GitHubSpec {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const file = require.resolve("@octokit/openapi/generated/api.github.com.json");
    cached = transform(JSON.parse(readFileSync(file, "utf8"))) as GitHubSpec;
  }
  return cached;
}
