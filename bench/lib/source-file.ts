// One generated source file of a service codebase, for the code-index benchmark: the shapes
// real TypeScript, JavaScript, Python and Go files have (imports, doc comments, interfaces
// and types, a class or struct with methods, free functions, constants), about 12 symbols
// and 110 lines each, named from a shared business vocabulary so that searches find things.

import { goSourceFile } from "./go-source-file";
import { pythonSourceFile } from "./python-source-file";
import { sourceWords } from "./source-words";

export type SourceLanguage = "typescript" | "javascript" | "python" | "go";

export type SourceSpec = {
  language: SourceLanguage;
  domain: string;
  noun: string;
  role: string;
  verbs: string[];
  fields: string[];
  /** A number that varies constants and bodies between files of the same names. */
  variant: number;
};

const { upper, an, snake } = sourceWords;

function tsBody(spec: SourceSpec, verb: string, field: string, i: number): string {
  const Noun = upper(spec.noun);
  const bodies = [
    `    const cached = this.cache.get(id);
    if (cached) return cached;
    const rows = await this.options.db.query("select * from ${spec.noun}s where id = $1 limit 1", [id]);
    const ${spec.noun} = rows[0] as ${Noun} | undefined;
    if (!${spec.noun}) {
      logger.warn({ id }, "${spec.noun} not found while trying to ${verb} it");
      return undefined;
    }
    this.cache.set(id, ${spec.noun});
    return ${spec.noun};`,
    `    const ${spec.noun} = await this.load(id);
    if (!${spec.noun}) throw new NotFoundError(\`${spec.noun} \${id} was not found\`);
    if (${spec.noun}.status === "archived") throw new ConflictError("cannot ${verb} an archived ${spec.noun}");
    const next = { ...${spec.noun}, ${field}: ${verb}${upper(field)}(${spec.noun}.${field}), updatedAt: new Date() };
    await this.options.db.query("update ${spec.noun}s set ${snake(field)} = $2 where id = $1", [id, next.${field}]);
    this.cache.delete(id);
    return next;`,
    `    let attempt = 0;
    for (;;) {
      try {
        return await this.options.client.post(\`/${spec.domain}/${spec.noun}s/\${id}/${verb}\`, { ${field}: input });
      } catch (error) {
        attempt += 1;
        if (attempt > this.options.retries || !isRetryable(error)) throw error;
        await sleep(${50 * (i + 1)} * 2 ** attempt);
      }
    }`,
    `    const items = await this.list${Noun}s({ limit: this.options.limit ?? DEFAULT_LIMIT });
    const total = items.reduce((sum, item) => sum + Number(item.${field} ?? 0), 0);
    const discount = total > ${100 * (spec.variant % 9) + 100} ? total * 0.0${(spec.variant % 8) + 1} : 0;
    metrics.histogram("${spec.domain}.${spec.noun}.${verb}", total - discount);
    return { total, discount, count: items.length };`,
  ];
  return bodies[(i + spec.variant) % bodies.length]!;
}

function typescript(spec: SourceSpec, js: boolean): string {
  const Noun = upper(spec.noun);
  const Role = upper(spec.role);
  const name = `${Noun}${Role}`;
  const t = (type: string) => (js ? "" : type);
  const methods = spec.verbs.map((verb, i) => {
    const field = spec.fields[i % spec.fields.length]!;
    const method = i % 2 === 0 ? `${verb}${Noun}` : `${verb}${Noun}By${upper(field)}`;
    return `  /** ${upper(verb)}s ${an(spec.noun)} of ${spec.domain} (${field}). */
  async ${method}(id${t(`: ${Noun}Id`)}, input${t(": unknown")})${t(`: Promise<${Noun} | undefined | unknown>`)} {
${tsBody(spec, verb, field, i)}
  }`;
  });
  const [first, second] = [spec.verbs[0]!, spec.verbs[1] ?? spec.verbs[0]!];
  const field = spec.fields[0]!;
  const types = js
    ? `/** @typedef {{ id: string, status: "draft" | "active" | "archived", ${spec.fields.map((f) => `${f}: unknown`).join(", ")} }} ${Noun} */`
    : `export interface ${name}Options {
  db: Database;
  client: HttpClient;
  limit?: number;
  retries: number;
}

export type ${Noun}Status = "draft" | "active" | "archived" | "${spec.verbs[2] ?? "pending"}ed";

export interface ${Noun}${upper(field)}Change {
  id: ${Noun}Id;
  ${spec.fields.map((f) => `${f}?: ${f.endsWith("At") ? "Date" : "number"};`).join("\n  ")}
}`;
  return `import { ${Noun}${t(`, type ${Noun}Id`)} } from "../models/${spec.noun}";
import { logger } from "../../platform/logger";
import { metrics } from "../../platform/metrics";
import { ConflictError, NotFoundError, isRetryable } from "../../platform/errors";
${js ? "" : `import type { Database } from "../../db";\nimport type { HttpClient } from "../../http/client";\n`}
const DEFAULT_LIMIT = ${25 * ((spec.variant % 4) + 1)};
const sleep = (ms${t(": number")}) => new Promise((resolve) => setTimeout(resolve, ms));

${types}

/**
 * ${name}: ${spec.verbs.join(", ")} for ${spec.noun}s of the ${spec.domain} service.
 * Reads go through a small cache; writes invalidate it.
 */
export class ${name} {
  ${js ? "cache = new Map();" : `private readonly cache = new Map<string, ${Noun}>();`}

  constructor(${js ? "options" : `private readonly options: ${name}Options`}) {
    ${js ? "this.options = options;" : `if (options.retries < 0) throw new RangeError("retries must be positive");`}
  }

${methods.join("\n\n")}
}

/** ${upper(first)}s the ${field} of ${an(spec.noun)}, rounding to cents. */
export function ${first}${upper(field)}(value${t(": unknown")})${t(": number")} {
  const amount = typeof value === "number" ? value : Number.parseFloat(String(value ?? 0));
  if (Number.isNaN(amount)) throw new TypeError("${field} must be a number");
  return Math.round(amount * 100) / 100;
}

export const ${second}${Noun}s = async (service${t(`: ${name}`)}, ids${t(": string[]")}) => {
  const results = [];
  for (const id of ids) results.push(await service.${first}${Noun}(id, { source: "${spec.domain}" }));
  return results.filter(Boolean);
};
`;
}

export function sourceFile(spec: SourceSpec): string {
  switch (spec.language) {
    case "typescript":
      return typescript(spec, false);
    case "javascript":
      return typescript(spec, true);
    case "python":
      return pythonSourceFile(spec);
    case "go":
      return goSourceFile(spec);
  }
}
