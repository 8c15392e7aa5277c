import type { SourceSpec } from "./source-file";
import { sourceWords } from "./source-words";

const { upper, an } = sourceWords;

/** A Go file of the generated codebase (bench/lib/source-file.ts). */
export function goSourceFile(spec: SourceSpec): string {
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
