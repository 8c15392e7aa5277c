import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { ProjectHeader } from "@/components/project-card/project-header";
import { ReviewReport } from "@/components/reviews/review-report";
import { getDb } from "@/db";
import { getFindingsOfPullRequest, getReviewById } from "@/db/queries/reviews";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { env } from "@/lib/platform/env";
import { loadProjectForPage } from "../../../load-project-for-page";

export const metadata: Metadata = { title: "Review" };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// One review of a pull request: its feedback report and every finding of the PR, open and resolved.
export default async function ReviewPage({ params }: { params: Promise<{ id: string; reviewId: string }> }) {
  await connection();
  const { id, reviewId } = await params;
  const actor = await requireSessionActor({
    callbackUrl: `/projects/${encodeURIComponent(id)}/reviews/${encodeURIComponent(reviewId)}`,
  });
  const project = await loadProjectForPage(actor, id);
  if (!uuid.test(reviewId)) notFound();
  const db = getDb();
  const review = await getReviewById({ db, id: reviewId });
  if (!review || review.projectId !== project.id) notFound();
  const findings = await getFindingsOfPullRequest({
    db,
    projectId: project.id,
    pullRequestNumber: review.pullRequestNumber,
  });
  return (
    <>
      <LiveRefresh
        projectIds={[project.id]}
        realtimeUrl={env.REALTIME_PUBLIC_URL ?? null}
        realtimePort={env.REALTIME_PORT}
      />
      <ProjectHeader project={project} section={`Review of #${review.pullRequestNumber}`} />
      <Typography variant="body2" sx={{ mb: 2 }}>
        <Link href={`/projects/${project.id}/reviews`}>All reviews</Link>
        {review.runId && (
          <>
            {" · "}
            <Link href={`/runs/${review.runId}`}>The run</Link>
          </>
        )}
      </Typography>
      <ReviewReport review={review} findings={findings} title={`Pull request #${review.pullRequestNumber}`} />
    </>
  );
}
