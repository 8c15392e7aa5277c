import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getDb } from "@/db";
import { getProjectById } from "@/db/queries/projects";
import { getRunById } from "@/db/queries/runs";
import { can } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { isUuid } from "@/lib/platform/uuid";

// The run is looked up here, above the page's loading boundary: a notFound() from the page
// itself would come after the skeleton has been sent with status 200. Another team's run
// is "not found" too, so its existence is not shown.
export default async function RunLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const actor = await requireSessionActor({ callbackUrl: `/runs/${encodeURIComponent(id)}` });
  if (!isUuid(id)) notFound();
  const db = getDb();
  const run = await getRunById({ db, id });
  const project = run && (await getProjectById({ db, id: run.projectId }));
  if (!run || !project || !can(actor, project, "read")) notFound();
  return children;
}
