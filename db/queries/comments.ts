import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Comment, comments } from "@/db/schema";
import { storableText } from "@/lib/platform/storable";

export async function createComment({
  db,
  projectId,
  number,
  author,
  body,
  inReplyTo,
  path,
  line,
}: {
  db: Database;
  projectId: string;
  number: number;
  author: string;
  body: string;
  inReplyTo?: string;
  /** A review comment: at this file and line of the PR's head. */
  path?: string;
  line?: number;
}): Promise<Comment> {
  const [row] = await db
    .insert(comments)
    .values({
      projectId,
      number,
      author,
      body: storableText(body),
      inReplyTo: inReplyTo ?? null,
      path: path ?? null,
      line: line ?? null,
    })
    .returning();
  return row!;
}

/** Replaces a comment's body; undefined when the project has no comment with that id. */
export async function updateCommentBody({
  db,
  projectId,
  id,
  body,
}: {
  db: Database;
  projectId: string;
  id: string;
  body: string;
}): Promise<Comment | undefined> {
  const [row] = await db
    .update(comments)
    .set({ body: storableText(body) })
    .where(and(eq(comments.id, id), eq(comments.projectId, projectId)))
    .returning();
  return row;
}

/** The conversation of one issue or PR, oldest first. */
export async function getCommentsByNumber({
  db,
  projectId,
  number,
}: {
  db: Database;
  projectId: string;
  number: number;
}): Promise<Comment[]> {
  return db
    .select()
    .from(comments)
    .where(and(eq(comments.projectId, projectId), eq(comments.number, number)))
    .orderBy(asc(comments.createdAt), asc(comments.id));
}
