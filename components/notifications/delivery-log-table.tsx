"use client";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import type { DeliveryView } from "./types";

const statusColor = { succeeded: "success", failed: "error", retrying: "warning", pending: "default" } as const;
const time = (iso: string | null) => (iso ? `${iso.slice(0, 19).replace("T", " ")} UTC` : "");

/** A destination's newest deliveries: time, event, status, attempts, response code, latency, and Resend. */
export function DeliveryLogTable({
  deliveries,
  onResend,
  pending,
}: {
  deliveries: DeliveryView[];
  onResend: (id: string) => void;
  pending: boolean;
}) {
  if (deliveries.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        Nothing sent yet.
      </Typography>
    );
  return (
    <Table size="small" aria-label="Delivery log">
      <TableHead>
        <TableRow>
          <TableCell>Time</TableCell>
          <TableCell>Event</TableCell>
          <TableCell>Status</TableCell>
          <TableCell align="right">Attempts</TableCell>
          <TableCell align="right">Response</TableCell>
          <TableCell align="right">Latency</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {deliveries.map((delivery) => (
          <TableRow key={delivery.id} data-testid="delivery-row" data-status={delivery.status}>
            <TableCell>{time(delivery.lastAttemptAt ?? delivery.createdAt)}</TableCell>
            <TableCell>{delivery.eventType}</TableCell>
            <TableCell>
              <Tooltip
                title={
                  delivery.error ??
                  (delivery.nextAttemptAt ? `Next attempt ${time(delivery.nextAttemptAt)}` : delivery.webhookId)
                }
              >
                <Chip size="small" label={delivery.status} color={statusColor[delivery.status]} />
              </Tooltip>
            </TableCell>
            <TableCell align="right">{delivery.attempts}</TableCell>
            <TableCell align="right">{delivery.responseStatus ?? "—"}</TableCell>
            <TableCell align="right">{delivery.latencyMs === null ? "—" : `${delivery.latencyMs} ms`}</TableCell>
            <TableCell align="right">
              <Button
                size="small"
                disabled={pending || delivery.status === "pending" || delivery.status === "retrying"}
                onClick={() => onResend(delivery.id)}
              >
                Resend
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
