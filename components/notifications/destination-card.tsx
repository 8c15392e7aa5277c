"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Card from "@mui/material/Card";
import CardActions from "@mui/material/CardActions";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { DeliveryLogTable } from "./delivery-log-table";
import { type DeliveryView, type DestinationView, eventLabels, type ProjectOption } from "./types";

const kindNames = { webhook: "Webhook", slack: "Slack", email: "Email" } as const;

/** One destination: where it sends, its subscription, its health, its actions and its delivery log. */
export function DestinationCard({
  destination,
  deliveries,
  projects,
  pending,
  onEdit,
  onToggle,
  onTest,
  onRotate,
  onDelete,
  onResend,
}: {
  destination: DestinationView;
  deliveries: DeliveryView[];
  projects: ProjectOption[];
  pending: boolean;
  onEdit: () => void;
  onToggle: () => void;
  onTest: () => void;
  onRotate: () => void;
  onDelete: () => void;
  onResend: (id: string) => void;
}) {
  const where = destination.kind === "email" ? destination.to.join(", ") : destination.url;
  const scope = destination.projectIds
    ? destination.projectIds.map((id) => projects.find((project) => project.id === id)?.name ?? id).join(", ")
    : "Every project";
  return (
    <Card
      variant="outlined"
      data-testid="destination"
      data-name={destination.name}
      id={`destination-${destination.id}`}
    >
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 1 }}>
          <Typography variant="h6" component="h2">
            {destination.name}
          </Typography>
          <Chip size="small" label={kindNames[destination.kind]} />
          <Chip
            size="small"
            label={destination.enabled ? "On" : "Off"}
            color={destination.enabled ? "success" : "default"}
            data-testid="destination-state"
          />
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: "anywhere" }}>
          {where}
        </Typography>
        {!destination.enabled && destination.disabledReason && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            Turned off: {destination.disabledReason}. Fix the receiver, “Send test”, then turn it on.
          </Alert>
        )}
        {destination.enabled && destination.failingSince && (
          <Alert severity="warning" sx={{ mt: 1 }}>
            Failing since {destination.failingSince.slice(0, 16).replace("T", " ")} UTC; it is turned off after 24 hours
            of failures.
          </Alert>
        )}
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 0.5, mt: 1 }}>
          {destination.events.map((event) => (
            <Chip key={event} size="small" variant="outlined" label={eventLabels[event]} />
          ))}
        </Box>
        <Typography variant="body2" sx={{ mt: 1 }}>
          Projects: {scope}
        </Typography>
        <Typography variant="subtitle2" sx={{ mt: 2, mb: 1 }}>
          Delivery log
        </Typography>
        <DeliveryLogTable deliveries={deliveries} onResend={onResend} pending={pending} />
      </CardContent>
      <CardActions sx={{ flexWrap: "wrap" }}>
        <Button size="small" onClick={onTest} disabled={pending}>
          Send test
        </Button>
        <Button size="small" onClick={onEdit} disabled={pending}>
          Edit
        </Button>
        <Button size="small" onClick={onToggle} disabled={pending}>
          {destination.enabled ? "Turn off" : "Turn on"}
        </Button>
        {destination.kind === "webhook" && (
          <Button size="small" onClick={onRotate} disabled={pending}>
            New signing secret
          </Button>
        )}
        <ConfirmButton
          title={`Delete ${destination.name}?`}
          body="It stops receiving notifications at once, and its delivery log is deleted with it."
          confirmLabel="Delete"
          onConfirm={async () => onDelete()}
          disabled={pending}
        >
          Delete
        </ConfirmButton>
      </CardActions>
    </Card>
  );
}
