import { z } from "zod";
import { apiKeyScopes } from "@/db/schema";
import { API_KEY_NAME_MAX, type ApiKeySummary } from "@/lib/api-keys";
import { iso, isoDate, isoOrNull } from "./common";

// Hashes never leave the server; the secret appears only in the create response.
export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().describe("The key's first characters, to recognise it"),
  scopes: z.array(z.enum(apiKeyScopes)),
  createdAt: isoDate,
  lastUsedAt: isoDate.nullable(),
  expiresAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
});

export type ApiKeyView = z.input<typeof apiKeySchema>;

export const toApiKey = (key: ApiKeySummary): ApiKeyView => ({
  id: key.id,
  name: key.name,
  prefix: key.prefix,
  scopes: key.scopes,
  createdAt: iso(key.createdAt),
  lastUsedAt: isoOrNull(key.lastUsedAt),
  expiresAt: isoOrNull(key.expiresAt),
  revokedAt: isoOrNull(key.revokedAt),
});

export const createdApiKeySchema = apiKeySchema.extend({
  secret: z.string().describe("The full key; shown this once, never retrievable again"),
});

export const createApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(API_KEY_NAME_MAX),
    scopes: z.array(z.enum(apiKeyScopes)).min(1).max(apiKeyScopes.length),
    expiresAt: isoDate
      .refine((value) => Date.parse(value) > Date.now(), "Must be in the future")
      .optional()
      .describe("When the key stops working; never when absent"),
    teamId: z.uuid().optional().describe("The key's team; optional when the caller has one team"),
  })
  .strict();
