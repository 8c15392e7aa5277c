// One generated source file of a service codebase, for the code-index benchmark: the shapes
// real TypeScript, JavaScript, Python and Go files have (imports, doc comments, interfaces
// and types, a class or struct with methods, free functions, constants), about 10 symbols
// and 150 lines each, named from a shared business vocabulary so that searches find things.

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

const upper = (word: string) => word[0]!.toUpperCase() + word.slice(1);
const an = (word: string) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);
const snake = (word: string) => word.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

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

function python(spec: SourceSpec): string {
  const Noun = upper(spec.noun);
  const name = `${Noun}${upper(spec.role)}`;
  const s = snake(spec.noun);
  const methods = spec.verbs.map((verb, i) => {
    const field = snake(spec.fields[i % spec.fields.length]!);
    const head = `    def ${verb}_${s}${i % 2 === 1 ? `_by_${field}` : ""}(self, ${s}_id: str, value=None) -> Optional[${Noun}Record]:
        """${upper(verb)} ${an(spec.noun)} of ${spec.domain} by its ${field}."""`;
    const bodies = [
      `        record = self._cache.get(${s}_id)
        if record is not None:
            return record
        row = self.db.fetch_one("SELECT * FROM ${s}s WHERE id = %s", (${s}_id,))
        if row is None:
            logger.warning("%s %s not found", "${s}", ${s}_id)
            return None
        record = ${Noun}Record(**row)
        self._cache[${s}_id] = record
        return record`,
      `        record = self.${spec.verbs[0]}_${s}(${s}_id)
        if record is None:
            raise ${Noun}NotFound(${s}_id)
        if record.status == "archived":
            raise ValueError(f"cannot ${verb} archived ${spec.noun} {${s}_id}")
        record.${field} = value
        self.db.execute("UPDATE ${s}s SET ${field} = %s WHERE id = %s", (value, ${s}_id))
        self._cache.pop(${s}_id, None)
        return record`,
      `        for attempt in range(self.retries + 1):
            try:
                return self.client.post(f"/${spec.domain}/${s}s/{${s}_id}/${verb}", json={"${field}": value})
            except TimeoutError:
                if attempt == self.retries:
                    raise
                time.sleep(0.05 * 2**attempt)
        return None`,
    ];
    return `${head}\n${bodies[(i + spec.variant) % bodies.length]}`;
  });
  const field = snake(spec.fields[0]!);
  return `"""${upper(spec.domain)}: ${spec.noun} ${spec.role} (${spec.verbs.join(", ")})."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Optional

from app.${spec.domain}.errors import ${Noun}NotFound

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = ${25 * ((spec.variant % 4) + 1)}


@dataclass
class ${Noun}Record:
    """A ${spec.noun} row as the ${spec.domain} service reads it."""

    id: str
    status: str = "draft"
${spec.fields.map((f) => `    ${snake(f)}: Optional[float] = None`).join("\n")}
    tags: list[str] = field(default_factory=list)


class ${name}:
    """${upper(spec.verbs.join(", "))} ${spec.noun}s, with a cache in front of the database."""

    def __init__(self, db, client, retries: int = 3):
        self.db = db
        self.client = client
        self.retries = retries
        self._cache: dict[str, ${Noun}Record] = {}

${methods.join("\n\n")}


def ${spec.verbs[0]}_${s}_${field}(value) -> float:
    """Rounds ${an(spec.noun)}'s ${field} to cents."""
    amount = float(value or 0)
    return round(amount * 100) / 100


def ${spec.verbs[1] ?? spec.verbs[0]}_${s}s(service: ${name}, ids: list[str]) -> list[${Noun}Record]:
    return [record for record in (service.${spec.verbs[0]}_${s}(i) for i in ids) if record is not None]
`;
}

function go(spec: SourceSpec): string {
  const Noun = upper(spec.noun);
  const name = `${Noun}${upper(spec.role)}`;
  const methods = spec.verbs.map((verb, i) => {
    const field = upper(spec.fields[i % spec.fields.length]!);
    const method = `${upper(verb)}${Noun}${i % 2 === 1 ? `By${field}` : ""}`;
    const bodies = [
      `	if cached, ok := s.cache[id]; ok {
		return cached, nil
	}
	row := s.db.QueryRowContext(ctx, "SELECT id, status FROM ${spec.noun}s WHERE id = $1", id)
	var item ${Noun}
	if err := row.Scan(&item.ID, &item.Status); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, Err${Noun}NotFound
		}
		return nil, fmt.Errorf("${verb} ${spec.noun} %s: %w", id, err)
	}
	s.cache[id] = &item
	return &item, nil`,
      `	item, err := s.${upper(spec.verbs[0]!)}${Noun}(ctx, id, value)
	if err != nil {
		return nil, err
	}
	if item.Status == "archived" {
		return nil, fmt.Errorf("cannot ${verb} archived ${spec.noun} %s", id)
	}
	item.${field} = value
	item.UpdatedAt = time.Now()
	delete(s.cache, id)
	return item, nil`,
      `	var lastErr error
	for attempt := 0; attempt <= s.retries; attempt++ {
		if err := s.client.Post(ctx, "/${spec.domain}/${spec.noun}s/"+id+"/${verb}", value); err != nil {
			lastErr = err
			time.Sleep(time.Duration(50<<attempt) * time.Millisecond)
			continue
		}
		return s.${upper(spec.verbs[0]!)}${Noun}(ctx, id, value)
	}
	return nil, lastErr`,
    ];
    return `// ${method} ${verb}s ${an(spec.noun)} of ${spec.domain} (${field}).
func (s *${name}) ${method}(ctx context.Context, id string, value float64) (*${Noun}, error) {
${bodies[(i + spec.variant) % bodies.length]}
}`;
  });
  return `// Package ${spec.domain} holds the ${spec.domain} service's ${spec.noun} ${spec.role}.
package ${spec.domain}

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Err${Noun}NotFound is returned when no ${spec.noun} has the id asked for.
var Err${Noun}NotFound = errors.New("${spec.noun} not found")

const default${Noun}Limit = ${25 * ((spec.variant % 4) + 1)}

// ${Noun} is ${an(spec.noun)} row.
type ${Noun} struct {
	ID        string
	Status    string
	UpdatedAt time.Time
${spec.fields.map((f) => `	${upper(f)} float64`).join("\n")}
}

// ${name} ${spec.verbs.join("s, ")}s ${spec.noun}s.
type ${name} struct {
	db      *sql.DB
	client  HTTPClient
	retries int
	cache   map[string]*${Noun}
}

// New${name} returns ${an(name)} with an empty cache.
func New${name}(db *sql.DB, client HTTPClient, retries int) *${name} {
	return &${name}{db: db, client: client, retries: retries, cache: map[string]*${Noun}{}}
}

${methods.join("\n\n")}
`;
}

/** The text of one source file. */
export function sourceFile(spec: SourceSpec): string {
  switch (spec.language) {
    case "typescript":
      return typescript(spec, false);
    case "javascript":
      return typescript(spec, true);
    case "python":
      return python(spec);
    case "go":
      return go(spec);
  }
}
