import { env } from "@/lib/platform/env";

/**
 * The link that accepts an invitation: under MERGELINE_PUBLIC_URL when it is set, else under
 * the origin the admin used to create it (it is shown only to them).
 */
export function invitationUrl({ token, origin }: { token: string; origin: string }): string {
  const base = (env.MERGELINE_PUBLIC_URL ?? origin).replace(/\/+$/, "");
  return `${base}/invite/${token}`;
}
