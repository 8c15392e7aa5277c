import type { Database } from "@/db/client";
import { type ApiKeySummary, insertApiKey } from "@/db/queries/api-keys";
import { type ApiKeyScope, apiKeyScopes } from "@/db/schema";
import { AppError } from "@/lib/platform/errors";
import { ADMIN_API_KEY_NAME } from "./ensure-admin-api-key";
import { generateApiKeyToken, hashApiKeyToken } from "./token";

export type CreatedApiKey = {
  apiKey: ApiKeySummary;
  /** The full key. Shown to its creator once; only its hash is stored. */
  secret: string;
};

export const API_KEY_NAME_MAX = 100;

/** Checks a key's name, scopes and expiry. */
export function validateApiKeyInput({
  name,
  scopes,
  expiresAt,
  now,
}: {
  name: string;
  scopes: readonly string[];
  expiresAt?: Date | null;
  now: Date;
}): {
  name: string;
  scopes: ApiKeyScope[];
} {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > API_KEY_NAME_MAX) {
    throw new AppError("bad_request:name", `An API key needs a name of 1 to ${API_KEY_NAME_MAX} characters`);
  }
  // Reserved: start-up revokes older keys of that name when the variable changes.
  if (trimmed === ADMIN_API_KEY_NAME)
    throw new AppError(
      "bad_request:name",
      `The name ${ADMIN_API_KEY_NAME} is reserved for the key from the environment`,
    );
  const unknown = scopes.filter((scope) => !(apiKeyScopes as readonly string[]).includes(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new AppError(
      "bad_request:scopes",
      `Scopes must be one or more of ${apiKeyScopes.join(", ")}${unknown.length ? `; unknown: ${unknown.join(", ")}` : ""}`,
    );
  }
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw new AppError("bad_request:expires_at", "expiresAt must be in the future");
  }
  return { name: trimmed, scopes: [...new Set(scopes)] as ApiKeyScope[] };
}

/** Creates a team API key and returns its secret, which is not retrievable afterwards. */
export async function createApiKey({
  db,
  teamId,
  name,
  scopes,
  createdBy,
  expiresAt,
  now = new Date(),
}: {
  db: Database;
  teamId: string;
  name: string;
  scopes: readonly ApiKeyScope[];
  /** The user who creates it; null for keys made by the system. */
  createdBy: string | null;
  expiresAt?: Date | null;
  now?: Date;
}): Promise<CreatedApiKey> {
  const valid = validateApiKeyInput({ name, scopes, expiresAt, now });
  const { token, prefix } = generateApiKeyToken();
  const apiKey = await insertApiKey({
    db,
    values: {
      teamId,
      name: valid.name,
      scopes: valid.scopes,
      prefix,
      keyHash: hashApiKeyToken(token),
      createdBy,
      expiresAt: expiresAt ?? null,
    },
  });
  return { apiKey, secret: token };
}
