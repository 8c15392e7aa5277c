import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getProjectById } from "@/db/queries/projects";
import type { Project } from "@/db/schema";
import { type Actor, can } from "@/lib/auth/actor";
import { isUuid } from "@/lib/platform/uuid";

/** A project page's project: another team's (or no) project is a 404, never a hint that it exists. */
export async function loadProjectForPage(actor: Actor, id: string): Promise<Project> {
  if (!isUuid(id)) notFound();
  const project = await getProjectById({ db: getDb(), id });
  if (!project || !can(actor, project, "read")) notFound();
  return project;
}
