import type { Database } from "@/db/client";
import { insertPreviewShareLink } from "@/db/queries/preview-targets";
import { getStudioSession } from "@/db/queries/studio";
import type { Project } from "@/db/schema";
import { type AuditActor, recordAudit } from "@/lib/audit";
import { hashToken, newSecretToken } from "@/lib/auth/hash-token";
import { AppError } from "@/lib/platform/errors";
import { parsePreviewHost, previewAddress, previewDomain, projectSlug } from "@/lib/preview-proxy/preview-address";

/**
 * A link that opens one preview host without signing in, until it expires (an admin's
 * decision, audited as `preview_share_link.created`). Only the token's hash is stored; the
 * link is shown once.
 */
export async function createPreviewShareLink({
  db,
  project,
  label,
  expiresInHours,
  actor,
  ip,
}: {
  db: Database;
  project: Project;
  label: string;
  expiresInHours: number;
  actor: AuditActor;
  ip: string | null;
}): Promise<{ id: string; url: string; expiresAt: Date }> {
  const parsed = parsePreviewHost(`${label}.${previewDomain()}`);
  if (!parsed?.target || parsed.label !== label)
    throw new AppError(
      "bad_request:label",
      "label must be a preview host's name: pr-<number>--<project> or studio-<id>",
    );
  const target = parsed.target;
  const ours =
    target.kind === "pull_request"
      ? target.projectSlug === projectSlug(project.name)
      : (await getStudioSession({ db, id: target.sessionId }))?.projectId === project.id;
  if (!ours) throw new AppError("bad_request:label", `${label} is not a preview of this project`);
  const token = newSecretToken();
  const link = await insertPreviewShareLink({
    db,
    values: {
      projectId: project.id,
      hostLabel: label,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + expiresInHours * 3_600_000),
      createdBy: actor.kind === "user" ? actor.userId : null,
    },
  });
  await recordAudit({
    db,
    actor,
    ip,
    teamId: project.teamId,
    action: "preview_share_link.created",
    targetType: "project",
    targetId: project.id,
    data: { label, expiresAt: link.expiresAt.toISOString() },
  });
  return { id: link.id, url: `${previewAddress(label)}/__mergeline/share?token=${token}`, expiresAt: link.expiresAt };
}
