"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { getInstallationByGithubId } from "@/db/queries/installations";
import { getSessionActor } from "@/lib/auth/get-session-actor";
import { requestIp } from "@/lib/auth/request-ip";
import { AppError } from "@/lib/platform/errors";
import { pinInstallationRepository } from "@/lib/intake/github/triggers/pin-installation-repository";
import { logger } from "@/lib/platform/logger";

const pinInput = z.object({
  installationId: z.string().regex(/^\d{1,15}$/),
  repository: z.string().regex(/^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/),
});

/** Pins one repository of an installation as a project card, then shows the setup page again. */
export async function pinRepositoryAction(form: FormData): Promise<void> {
  const input = pinInput.safeParse(Object.fromEntries(form));
  if (!input.success) redirect("/github/setup?error=bad_request");
  const { installationId, repository } = input.data;
  const back = (extra: Record<string, string>) =>
    `/github/setup?${new URLSearchParams({ installation_id: installationId, ...extra })}`;
  const actor = await getSessionActor(await requestIp());
  if (!actor) redirect(`/signin?${new URLSearchParams({ callbackUrl: back({}) })}`);
  let outcome: Record<string, string>;
  try {
    const db = getDb();
    const installation = await getInstallationByGithubId({ db, githubInstallationId: Number(installationId) });
    if (!installation) throw new AppError("not_found:installation", "Installation not found");
    await pinInstallationRepository({ db, actor, ip: actor.ip, installation, fullName: repository });
    outcome = { pinned: repository };
  } catch (error) {
    if (!(error instanceof AppError)) logger.error({ err: error }, "pinning a GitHub repository failed");
    outcome = { error: error instanceof AppError ? error.code.split(":")[0]! : "internal" };
  }
  redirect(back(outcome));
}
