import { loadAdvisoryDatabase } from "@/lib/reviews/advisory-database";
import { affects } from "@/lib/reviews/affects";
import { baseVersion } from "@/lib/reviews/base-version";
import { packageKey } from "@/lib/reviews/package-key";
import { fingerprint } from "@/lib/reviews/fingerprint";
import type { AdvisoryResult, DependencyChange, Finding, Vulnerability } from "@/lib/reviews/types";

/**
 * The versions a change brings in, against the OSV advisories of `directory`. Without a
 * directory nothing is checked, and the result says so: "not checked" is never shown as
 * "no vulnerabilities".
 */
export async function checkAdvisories({
  directory,
  dependencies,
}: {
  directory: string | undefined;
  dependencies: DependencyChange[];
}): Promise<{ result: AdvisoryResult; findings: Finding[] }> {
  if (!directory)
    return {
      result: { checked: false, reason: "No advisory database is configured (MERGELINE_ADVISORY_DB)." },
      findings: [],
    };
  let database;
  try {
    database = await loadAdvisoryDatabase(directory);
  } catch (error) {
    return {
      result: { checked: false, reason: `The advisory database could not be read: ${(error as Error).message}` },
      findings: [],
    };
  }
  const vulnerabilities: Vulnerability[] = [];
  const findings: Finding[] = [];
  for (const dependency of dependencies) {
    if (dependency.change === "removed" || !dependency.to) continue;
    const version = baseVersion(dependency.to);
    if (!version) continue;
    for (const advisory of database.lookup(packageKey(dependency.ecosystem, dependency.name))) {
      const hit = affects(advisory.affected, version);
      if (!hit.affected) continue;
      const vulnerability: Vulnerability = {
        id: advisory.id,
        ecosystem: dependency.ecosystem,
        name: dependency.name,
        version,
        summary: advisory.summary,
        severity: advisory.severity,
        path: dependency.path,
        line: dependency.line,
        aliases: advisory.aliases,
        fixed: hit.fixed,
      };
      vulnerabilities.push(vulnerability);
      if (dependency.line === null) continue;
      findings.push({
        kind: "vulnerability",
        severity: advisory.severity,
        path: dependency.path,
        line: dependency.line,
        title: `${dependency.name}@${version} is vulnerable (${advisory.id})`,
        message: `${advisory.summary}${advisory.aliases.length ? ` (${advisory.aliases.join(", ")})` : ""}.`,
        suggestion: hit.fixed
          ? `Use ${dependency.name} ${hit.fixed} or later.`
          : "Use a version the advisory does not list.",
        source: advisory.id,
        fingerprint: fingerprint("vulnerability", dependency.path, dependency.name, advisory.id),
      });
    }
  }
  return { result: { checked: true, database: directory, advisories: database.count, vulnerabilities }, findings };
}
