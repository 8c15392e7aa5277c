import { compareVersions } from "@/lib/reviews/compare-versions";
import type { OsvAffected } from "@/lib/reviews/types";

/** Whether `version` is affected: listed, or inside a SEMVER/ECOSYSTEM range; the version that fixes it. */
export function affects(affected: OsvAffected, version: string): { affected: boolean; fixed: string | null } {
  if (affected.versions?.includes(version)) return { affected: true, fixed: null };
  for (const range of affected.ranges ?? []) {
    if (range.type !== "SEMVER" && range.type !== "ECOSYSTEM") continue;
    let inside = false;
    let fixed: string | null = null;
    for (const event of range.events ?? []) {
      if (event.introduced !== undefined)
        inside = event.introduced === "0" || compareVersions(version, event.introduced) >= 0 ? true : inside;
      else if (event.fixed !== undefined) {
        if (inside && compareVersions(version, event.fixed) < 0) return { affected: true, fixed: event.fixed };
        if (compareVersions(version, event.fixed) >= 0) inside = false;
        fixed = event.fixed;
      } else if (event.last_affected !== undefined) {
        if (inside && compareVersions(version, event.last_affected) <= 0) return { affected: true, fixed };
        inside = false;
      } else if (event.limit !== undefined && compareVersions(version, event.limit) >= 0) inside = false;
    }
    if (inside) return { affected: true, fixed: null };
  }
  return { affected: false, fixed: null };
}
