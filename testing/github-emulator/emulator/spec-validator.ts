import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { loadGitHubSpec, type GitHubSpec, type JsonObject } from "./load-github-spec";

// ajv-formats ships CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

export type SpecViolation = {
  kind: "route" | "request" | "response" | "webhook" | "graphql" | "unimplemented" | "internal";
  method: string;
  path: string;
  status?: number;
  errors: string[];
};
export type RouteMatch = { template: string; operation: JsonObject; params: Record<string, string> };
type CompiledRoute = {
  template: string;
  regex: RegExp;
  names: string[];
  literal: number;
  methods: Record<string, JsonObject>;
};

// Params that GitHub lets span several path segments (refs and branches with slashes).
const GREEDY = new Set(["ref", "branch", "path", "basehead", "name"]);

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export class SpecValidator {
  private readonly spec: GitHubSpec;
  private readonly ajv: Ajv;
  private readonly routes: CompiledRoute[];
  private readonly validators = new Map<string, ValidateFunction | null>();

  constructor() {
    this.spec = loadGitHubSpec();
    this.ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, allowUnionTypes: true });
    addFormats(this.ajv);
    // GitHub-specific format names in the description; their values are plain strings.
    for (const format of ["repo.nwo", "ssh-key", "ssh-key fingerprint", "uuid", "ipv4-or-ipv6"])
      if (!this.ajv.formats[format]) this.ajv.addFormat(format, true);
    // Erratum: payloads carry commit emails verbatim (git accepts "x@localhost") and GitHub's bot
    // addresses ("123+app[bot]@users.noreply.github.com"), which RFC email syntax rejects.
    this.ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
    for (const [name, schema] of Object.entries(this.spec.components.schemas))
      this.ajv.addSchema(schema, `ghs-${name}`);
    this.routes = Object.entries(this.spec.paths).map(([template, methods]) => {
      const names: string[] = [];
      const segments = template.split("/").map((segment) => {
        const match = /^\{(\w+)\}$/.exec(segment);
        if (!match)
          return segment
            .replace(/\{(\w+)\}/g, "\u0000$1\u0000")
            .split("\u0000")
            .map((part, i) => (i % 2 ? (names.push(part), "([^/]+)") : escapeRegex(part)))
            .join("");
        names.push(match[1]);
        return GREEDY.has(match[1]) && (match[1] !== "name" || segment === template.split("/").at(-1))
          ? "(.+)"
          : "([^/]+)";
      });
      const literal = template.replace(/\{\w+\}/g, "").length;
      return { template, regex: new RegExp(`^${segments.join("/")}$`), names, literal, methods };
    });
  }

  /** Operations matching a request path (without /api/v3), most literal template first. */
  matchAll(method: string, path: string): RouteMatch[] {
    const found: (RouteMatch & { literal: number })[] = [];
    for (const route of this.routes) {
      const operation = route.methods[method.toLowerCase()];
      const match = operation && route.regex.exec(path);
      if (!match) continue;
      const params: Record<string, string> = {};
      for (const [i, name] of route.names.entries()) params[name] = decodeURIComponent(match[i + 1]);
      found.push({ template: route.template, operation, params, literal: route.literal });
    }
    return found.sort((a, b) => b.literal - a.literal).map(({ literal: _literal, ...route }) => route);
  }

  match(method: string, path: string): RouteMatch | undefined {
    return this.matchAll(method, path)[0];
  }

  private resolve(node: JsonObject | undefined): JsonObject | undefined {
    let current = node;
    while (current && typeof current.$ref === "string") {
      const parts = current.$ref.replace(/^ghs-/, "components/schemas/").replace(/^#\//, "").split("/");
      let target: unknown = this.spec;
      for (const part of parts) target = (target as JsonObject)[part];
      current = target as JsonObject;
    }
    return current;
  }

  private validator(key: string, schema: () => JsonObject | undefined): ValidateFunction | null {
    if (!this.validators.has(key)) {
      const found = schema();
      this.validators.set(key, found ? this.ajv.compile(found) : null);
    }
    return this.validators.get(key) ?? null;
  }

  private static describe(validate: ValidateFunction): string[] {
    return (validate.errors ?? [])
      .slice(0, 20)
      .map(
        (e) =>
          `${e.instancePath || "/"} ${e.message ?? ""}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ""}`,
      );
  }

  /** Path and query parameters (type, enum), and the JSON request body; returns error messages, empty when valid. */
  validateRequest(route: RouteMatch, body: unknown, query: URLSearchParams = new URLSearchParams()): string[] {
    const errors: string[] = [];
    const known = new Set<string>();
    for (const raw of (route.operation.parameters as JsonObject[] | undefined) ?? []) {
      const param = this.resolve(raw);
      if (!param || (param.in !== "path" && param.in !== "query")) continue;
      const name = param.name as string;
      known.add(name);
      const value = param.in === "path" ? route.params[name] : (query.get(name) ?? undefined);
      const schema = (param.schema as JsonObject | undefined) ?? {};
      if (value === undefined) {
        if (param.in === "path" || param.required) errors.push(`${param.in} param ${name} missing`);
        continue;
      }
      if (schema.type === "integer" && !/^-?\d+$/.test(value))
        errors.push(`${param.in} param ${name} must be an integer, got ${value}`);
      if (schema.type === "boolean" && !/^(true|false)$/.test(value))
        errors.push(`${param.in} param ${name} must be a boolean, got ${value}`);
      const allowed = (schema.enum as unknown[] | undefined)?.filter((v) => v !== null).map(String);
      if (allowed && !allowed.includes(value))
        errors.push(`${param.in} param ${name} must be one of ${allowed.join(", ")}, got ${value}`);
    }
    for (const name of query.keys())
      if (!known.has(name)) errors.push(`query param ${name} is not documented for ${route.operation.operationId}`);
    const requestBody = this.resolve(route.operation.requestBody as JsonObject | undefined);
    const content = (requestBody?.content as Record<string, JsonObject> | undefined)?.["application/json"];
    if (!content) return errors;
    if (body === undefined) {
      if (requestBody?.required) errors.push("request body is required");
      return errors;
    }
    const key = `req ${route.template} ${JSON.stringify(Object.keys(route.operation).sort())} ${route.operation.operationId}`;
    const validate = this.validator(key, () => content.schema as JsonObject);
    if (validate && !validate(body)) errors.push(...SpecValidator.describe(validate).map((e) => `request body ${e}`));
    return errors;
  }

  /** The response body against the schema documented for its status; undocumented 2xx is an error. */
  validateResponse(route: RouteMatch, status: number, body: unknown): string[] {
    const responses = (route.operation.responses ?? {}) as Record<string, JsonObject>;
    const documented = responses[String(status)] ?? responses.default;
    if (!documented)
      return status < 300 ? [`status ${status} is not documented for ${route.operation.operationId}`] : [];
    const response = this.resolve(documented);
    const content = (response?.content as Record<string, JsonObject> | undefined)?.["application/json"];
    if (!content?.schema)
      return body === undefined || status === 204 ? [] : status < 300 ? [`status ${status} documents no body`] : [];
    if (body === undefined) return [`status ${status} must have a JSON body`];
    const validate = this.validator(`res ${route.operation.operationId} ${status}`, () => content.schema as JsonObject);
    return validate && !validate(body) ? SpecValidator.describe(validate).map((e) => `response body ${e}`) : [];
  }

  /** A webhook payload against the x-webhooks schema, e.g. ("issues", "labeled"). */
  validateWebhook(event: string, action: string | undefined, payload: unknown): string[] {
    const key = [event, action].filter(Boolean).join("-").replace(/_/g, "-");
    const entry = this.spec["x-webhooks"][key]?.post;
    if (!entry) return [`webhook ${key} is not in the spec`];
    const content = ((entry.requestBody as JsonObject).content as Record<string, JsonObject>)["application/json"];
    const validate = this.validator(`hook ${key}`, () => content.schema as JsonObject);
    return validate && !validate(payload) ? SpecValidator.describe(validate) : [];
  }
}

let shared: SpecValidator | undefined;

/** One validator per process: loading and compiling the spec is the slow part. */
export function getSpecValidator(): SpecValidator {
  shared ??= new SpecValidator();
  return shared;
}
