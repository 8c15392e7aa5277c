import { z } from "zod";
import type { StudioCommit, StudioSession } from "@/db/schema";
import { studioSessionStatuses } from "@/db/schema";
import { iso, isoDate, isoOrNull } from "@/lib/api/schemas/common";
import { previewAddress, studioLabel } from "@/lib/preview-proxy/preview-address";

export const apiStudioCommitSchema = z.object({
  sha: z.string(),
  kind: z.enum(["start", "edit", "write", "rollback"]).describe("start: where the session began"),
  description: z.string(),
  message: z.string().describe("The commit message (MERGELINE_STUDIO_COMMIT_MESSAGE)"),
  files: z.array(z.string()),
  restoredSha: z.string().nullable().describe("For a rollback: the commit whose files it brought back"),
  createdAt: isoDate,
});

export const apiStudioSessionSchema = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  status: z.enum(studioSessionStatuses),
  statusReason: z.string().nullable(),
  appUrl: z.string().describe("The running app, through the authenticated preview proxy"),
  branch: z.string(),
  baseBranch: z.string().nullable(),
  headSha: z.string().nullable(),
  restarts: z.number().int(),
  runId: z.uuid().nullable().describe("After finalize: the run that validates and merges the pull request"),
  lastActivity: isoDate,
  createdAt: isoDate,
  endedAt: isoDate.nullable(),
});

export const apiStudioSessionDetailsSchema = apiStudioSessionSchema.extend({
  commits: z.array(apiStudioCommitSchema),
});

export function toApiStudioSession(session: StudioSession): z.input<typeof apiStudioSessionSchema> {
  return {
    id: session.id,
    projectId: session.projectId,
    status: session.status,
    statusReason: session.statusReason,
    appUrl: previewAddress(studioLabel(session.id)),
    branch: session.branch ?? `studio/${session.id}`,
    baseBranch: session.baseBranch,
    headSha: session.headSha,
    restarts: session.restarts,
    runId: session.runId,
    lastActivity: iso(session.lastActivityAt),
    createdAt: iso(session.createdAt),
    endedAt: isoOrNull(session.endedAt),
  };
}

export function toApiStudioCommit(commit: StudioCommit): z.input<typeof apiStudioCommitSchema> {
  return {
    sha: commit.sha,
    kind: commit.kind,
    description: commit.description,
    message: commit.message,
    files: commit.files,
    restoredSha: commit.restoredSha,
    createdAt: iso(commit.createdAt),
  };
}
