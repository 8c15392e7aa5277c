import type { ApiKeyView } from "./types";

/** What a key can do now: revoked wins over expired, which wins over active. */
export function apiKeyStatus(
  key: Pick<ApiKeyView, "revokedAt" | "expiresAt">,
  now = Date.now(),
): "active" | "expired" | "revoked" {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return "expired";
  return "active";
}
