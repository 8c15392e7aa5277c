import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { StudioWorkspace } from "@/components/studio/studio-workspace";
import { getDb } from "@/db";
import { getStudioCommits, getStudioMessages } from "@/db/queries/studio";
import type { Project, StudioSession } from "@/db/schema";
import { loadStudioSessionFor } from "@/lib/api/load-studio-session-for";
import { can } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { AppError } from "@/lib/platform/errors";
import { isUuid } from "@/lib/platform/uuid";
import { previewHandoffUrl } from "@/lib/preview-proxy/grant-preview-access";
import { previewAddress, studioLabel } from "@/lib/preview-proxy/preview-address";
import {
  finalizeStudioAction,
  rollbackStudioAction,
  sendStudioMessageAction,
  stopStudioAction,
  studioCommitDiffAction,
} from "./actions";

export const metadata: Metadata = { title: "Studio" };

// /studio/<session id>: a studio session's app, chat, history and finalize, for the project's team.
export default async function StudioPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const actor = await requireSessionActor({ callbackUrl: `/studio/${encodeURIComponent(id)}` });
  if (!isUuid(id)) notFound();
  const db = getDb();
  let loaded: { session: StudioSession; project: Project };
  try {
    loaded = await loadStudioSessionFor({ db, actor, sessionId: id, permission: "read" });
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  const { session, project } = loaded;
  const [commits, messages] = await Promise.all([
    getStudioCommits({ db, sessionId: id }),
    getStudioMessages({ db, sessionId: id }),
  ]);
  return (
    <StudioWorkspace
      view={{
        session,
        projectName: project.name,
        appUrl: previewAddress(studioLabel(id)),
        // Opens the frame as this person: the preview host sets its own cookie from it.
        frameUrl: previewHandoffUrl({ label: studioLabel(id), userId: actor.userId }),
        commits,
        messages,
        canWrite: can(actor, project, "write"),
      }}
      actions={{
        send: sendStudioMessageAction,
        rollback: rollbackStudioAction,
        finalize: finalizeStudioAction,
        stop: stopStudioAction,
        diff: studioCommitDiffAction,
      }}
    />
  );
}
