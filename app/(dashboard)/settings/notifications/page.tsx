import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { DestinationsPanel } from "@/components/notifications/destinations-panel";
import { getDb } from "@/db";
import { getDeliveriesPage } from "@/db/queries/notification-deliveries";
import { listNotificationDestinations } from "@/db/queries/notification-destinations";
import { getPinnedProjects } from "@/db/queries/projects";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { toDeliveryView } from "@/lib/notifications/delivery-view";
import { toDestinationView } from "@/lib/notifications/destination-view";
import { env } from "@/lib/platform/env";
import {
  createDestinationAction,
  deleteDestinationAction,
  resendDeliveryAction,
  rotateDestinationSecretAction,
  testDestinationAction,
  updateDestinationAction,
} from "./actions";

export const metadata: Metadata = { title: "Notifications" };

const LOG_ROWS = 10;

// The team named in ?team= if the person administers it, else their first team as admin.
// Destinations hold credentials and reach outside: only admins see and manage them.
export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<{ team?: string | string[] }>;
}) {
  await connection();
  const actor = await requireSessionActor({ callbackUrl: "/settings/notifications" });
  const { team } = await searchParams;
  const adminTeams = actor.memberships
    .filter((membership) => membership.role === "admin")
    .map((membership) => membership.teamId);
  const teamId = adminTeams.find((id) => id === team) ?? adminTeams[0];
  const heading = (
    <Box sx={{ mb: 3 }}>
      <Typography variant="h1">Notifications</Typography>
      <Typography color="text.secondary">
        Tell people when runs need them or finish: signed webhooks, Slack and email, per event and project.
      </Typography>
    </Box>
  );
  if (!teamId) {
    return (
      <>
        {heading}
        <Alert severity="warning" data-testid="notifications-forbidden">
          Only team admins can manage notifications (403). Ask an admin of your team.
        </Alert>
      </>
    );
  }
  const db = getDb();
  const [destinations, projects] = await Promise.all([
    listNotificationDestinations({ db, teamId }),
    getPinnedProjects({ db, teamId }),
  ]);
  const logs = await Promise.all(
    destinations.map(
      async (destination) =>
        [
          destination.id,
          (await getDeliveriesPage({ db, destinationId: destination.id, limit: LOG_ROWS })).map(toDeliveryView),
        ] as const,
    ),
  );
  return (
    <>
      {heading}
      <DestinationsPanel
        teamId={teamId}
        destinations={destinations.map(toDestinationView)}
        deliveries={Object.fromEntries(logs)}
        projects={projects.map((project) => ({ id: project.id, name: project.name }))}
        emailAvailable={Boolean(env.MERGELINE_SMTP_URL)}
        actions={{
          createAction: createDestinationAction,
          updateAction: updateDestinationAction,
          deleteAction: deleteDestinationAction,
          testAction: testDestinationAction,
          rotateSecretAction: rotateDestinationSecretAction,
          resendAction: resendDeliveryAction,
        }}
      />
    </>
  );
}
