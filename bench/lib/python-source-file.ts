import type { SourceSpec } from "./source-file";
import { sourceWords } from "./source-words";

const { upper, an, snake } = sourceWords;

/** A Python module of the generated codebase (bench/lib/source-file.ts). */
export function pythonSourceFile(spec: SourceSpec): string {
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
