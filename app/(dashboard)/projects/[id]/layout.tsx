import type { ReactNode } from "react";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { loadProjectForPage } from "../load-project-for-page";

// Above the pages' loading boundaries, so an unknown project answers with status 404
// (a notFound() after the skeleton was sent would come with 200).
export default async function ProjectLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  await loadProjectForPage(await requireSessionActor({ callbackUrl: `/projects/${encodeURIComponent(id)}` }), id);
  return children;
}
