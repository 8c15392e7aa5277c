import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ProjectHeader } from "@/components/project-card/project-header";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { RequestReviewForm } from "@/components/reviews/request-review-form";
import { getDb } from "@/db";
import { getReviewsByProjectId } from "@/db/queries/reviews";
import { can } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { loadProjectForPage } from "../../load-project-for-page";
import { requestReviewAction } from "../../review-actions";

export const metadata: Metadata = { title: "Reviews" };

// The project's reviews, newest first (runs' attempts and pull requests reviewed on request),
// and a form to review a pull request. Live: a review's progress (publishReviewState) re-renders the list.
export default async function ReviewsPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const actor = await requireSessionActor({ callbackUrl: `/projects/${encodeURIComponent(id)}/reviews` });
  const project = await loadProjectForPage(actor, id);
  const reviews = await getReviewsByProjectId({ db: getDb(), projectId: project.id, limit: 50 });
  return (
    <>
      <LiveRefresh projectIds={[project.id]} />
      <ProjectHeader project={project} section="Reviews" />
      {can(actor, project, "write") && (
        <RequestReviewForm projectId={project.id} requestReviewAction={requestReviewAction} />
      )}
      {reviews.length === 0 && <Typography color="text.secondary">No pull request has been reviewed yet.</Typography>}
      <List aria-label="Reviews">
        {reviews.map((review) => (
          <ListItem key={review.id} disableGutters data-testid="review-row">
            <Link href={`/projects/${project.id}/reviews/${review.id}`}>
              #{review.pullRequestNumber} · {review.status}
              {review.attempt !== null ? ` · attempt ${review.attempt}` : ` · ${review.trigger}`}
              {review.blockers.length > 0 ? " · merge blocked" : ""} · {review.createdAt.toISOString().slice(0, 16)}
            </Link>
          </ListItem>
        ))}
      </List>
    </>
  );
}
