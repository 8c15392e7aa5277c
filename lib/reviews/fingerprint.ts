import { createHash } from "node:crypto";

/** A finding's identity across commits: what it is about, not where the line moved to. */
export function fingerprint(...parts: (string | number | null | undefined)[]): string {
  return createHash("sha256")
    .update(parts.map((part) => String(part ?? "")).join("\u0000"))
    .digest("hex")
    .slice(0, 32);
}
