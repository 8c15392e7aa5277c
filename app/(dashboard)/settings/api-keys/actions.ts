"use server";
import { z } from "zod";
import { apiKeyScopes } from "@/db/schema";
import { getDb } from "@/db";
import { parseActionInput } from "@/lib/api/parse-action-input";
import { type ActionResult, runAction } from "@/lib/platform/run-action";
import { type ApiKeyView, toApiKey } from "@/lib/api/schemas/api-key";
import { API_KEY_NAME_MAX, issueApiKey, withdrawApiKey } from "@/lib/api-keys";
import { can } from "@/lib/auth/actor";
import { getSessionActor, type UserActor } from "@/lib/auth/get-session-actor";
import { AppError } from "@/lib/platform/errors";

// Thin wrappers over lib/api-keys for the settings page: each checks the session and the
// admin role itself (a server action is a POST any page can send) and answers { ok } or
// { error } for the form to show; the page refreshes itself after a change.

export type ApiKeyActionResult<T extends object = object> = ActionResult<T>;

async function teamAdmin(teamId: string): Promise<UserActor> {
  const actor = await getSessionActor();
  if (!actor) throw new AppError("unauthorized:session", "Your session has ended; sign in again");
  if (!can(actor, teamId, "admin")) throw new AppError("forbidden:api_key", "Only team admins can manage API keys");
  return actor;
}

const createInput = z.object({
  teamId: z.uuid(),
  name: z.string().trim().min(1, "Give the key a name").max(API_KEY_NAME_MAX),
  scope: z.enum(apiKeyScopes),
  expiresAt: z.iso.datetime().optional(),
});

/** Creates a key; the secret is in the answer and nowhere else, ever. */
export async function createApiKeyAction(
  input: z.input<typeof createInput>,
): Promise<ApiKeyActionResult<{ apiKey: ApiKeyView; secret: string }>> {
  return runAction(async () => {
    const data = parseActionInput(createInput, input);
    const actor = await teamAdmin(data.teamId);
    const expiresAt = data.expiresAt ? new Date(data.expiresAt) : null;
    const { apiKey, secret } = await issueApiKey({
      db: getDb(),
      actor,
      ip: actor.ip,
      teamId: data.teamId,
      name: data.name,
      scopes: [data.scope],
      expiresAt,
    });
    return { apiKey: toApiKey(apiKey), secret };
  });
}

const revokeInput = z.object({ teamId: z.uuid(), id: z.uuid() });

export async function revokeApiKeyAction(
  input: z.input<typeof revokeInput>,
): Promise<ApiKeyActionResult<{ apiKey: ApiKeyView }>> {
  return runAction(async () => {
    const data = parseActionInput(revokeInput, input);
    const actor = await teamAdmin(data.teamId);
    const apiKey = await withdrawApiKey({ db: getDb(), actor, ip: actor.ip, teamId: data.teamId, id: data.id });
    return { apiKey: toApiKey(apiKey) };
  });
}
