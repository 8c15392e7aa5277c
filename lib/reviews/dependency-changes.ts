import { baseVersion } from "@/lib/reviews/base-version";
import { compareVersions } from "@/lib/reviews/compare-versions";
import { readDependencies } from "@/lib/reviews/read-dependencies";
import type { DependencyChange } from "@/lib/reviews/types";

/** What changed between a manifest's or lockfile's two versions (null: the file is new, or gone). */
export function dependencyChanges({
  path,
  before,
  after,
}: {
  path: string;
  before: string | null;
  after: string | null;
}): DependencyChange[] {
  const key = (dependency: { ecosystem: string; name: string }) => `${dependency.ecosystem}:${dependency.name}`;
  const old = new Map(
    (before ? readDependencies(path, before) : []).map((dependency) => [key(dependency), dependency]),
  );
  const current = new Map(
    (after ? readDependencies(path, after) : []).map((dependency) => [key(dependency), dependency]),
  );
  const changes: DependencyChange[] = [];
  for (const [id, now] of current) {
    const was = old.get(id);
    const base = { ecosystem: now.ecosystem, name: now.name, path, to: now.version, line: now.line };
    if (!was) changes.push({ ...base, change: "added", from: null });
    else if (was.version !== now.version) {
      const from = baseVersion(was.version);
      const to = baseVersion(now.version);
      const order = from && to ? compareVersions(to, from) : 0;
      changes.push({
        ...base,
        from: was.version,
        change: order > 0 ? "upgraded" : order < 0 ? "downgraded" : "changed",
      });
    }
  }
  for (const [id, was] of old)
    if (!current.has(id))
      changes.push({
        ecosystem: was.ecosystem,
        name: was.name,
        path,
        change: "removed",
        from: was.version,
        to: null,
        line: null,
      });
  return changes;
}
