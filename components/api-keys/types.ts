import type { ApiKeyScope } from "@/db/schema";
import type { ApiKeyView } from "@/lib/api/schemas/api-key";

export type { ApiKeyView };

export type ActionResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; error: string; fieldErrors?: Record<string, string> };

export type CreateApiKeyAction = (input: {
  teamId: string;
  name: string;
  scope: ApiKeyScope;
  expiresAt?: string;
}) => Promise<ActionResult<{ apiKey: ApiKeyView; secret: string }>>;

export type RevokeApiKeyAction = (input: {
  teamId: string;
  id: string;
}) => Promise<ActionResult<{ apiKey: ApiKeyView }>>;
