import { sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { type Issue, issues } from "@/db/schema";

export type IssueValues = {
  projectId: string;
  number: number;
  title: string;
  body: string;
  url: string | null;
  state: string;
  author: string | null;
  labels: string[];
};

/** Stores the issue as GitHub sent it, or refreshes the stored copy. */
export async function upsertIssue({ db, values }: { db: Database; values: IssueValues }): Promise<Issue> {
  const [row] = await db
    .insert(issues)
    .values(values)
    .onConflictDoUpdate({
      target: [issues.projectId, issues.number],
      set: {
        title: values.title,
        body: values.body,
        url: values.url,
        state: values.state,
        author: values.author,
        labels: values.labels,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}
