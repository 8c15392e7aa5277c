"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Checkbox from "@mui/material/Checkbox";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import FormGroup from "@mui/material/FormGroup";
import FormLabel from "@mui/material/FormLabel";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { type FormEvent, useState, useTransition } from "react";
import { type DestinationView, eventLabels, type ProjectOption } from "./types";

type Kind = DestinationView["kind"];
type EventType = DestinationView["events"][number];
export type DestinationFormValues = {
  kind: Kind;
  name: string;
  url?: string;
  to?: string[];
  events: EventType[];
  projectIds: string[] | null;
};

const kindLabels: Record<Kind, string> = {
  webhook: "Webhook (signed, Standard Webhooks)",
  slack: "Slack (incoming webhook URL)",
  email: "Email",
};

/**
 * Create or edit a destination: kind (fixed once created), name, URL or addresses, the
 * events and the projects it subscribes to. The answer's error shows on top; the dialog
 * stays open until the save works.
 */
export function DestinationFormDialog({
  open,
  destination,
  projects,
  emailAvailable,
  onSave,
  onClose,
}: {
  open: boolean;
  /** Null to create one. */
  destination: DestinationView | null;
  projects: ProjectOption[];
  emailAvailable: boolean;
  onSave: (values: DestinationFormValues) => Promise<string | null>;
  onClose: () => void;
}) {
  const [kind, setKind] = useState<Kind>(destination?.kind ?? "webhook");
  const [name, setName] = useState(destination?.name ?? "");
  // A saved Slack URL is never shown: empty keeps it.
  const [url, setUrl] = useState(destination?.kind === "webhook" ? (destination.url ?? "") : "");
  const [to, setTo] = useState(destination?.to.join(", ") ?? "");
  const [events, setEvents] = useState<EventType[]>(destination?.events ?? ["run.failed", "run.needs_human"]);
  const [projectIds, setProjectIds] = useState<string[]>(destination?.projectIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const toggle = (event: EventType) =>
    setEvents((current) => (current.includes(event) ? current.filter((item) => item !== event) : [...current, event]));
  const submit = (formEvent: FormEvent) => {
    formEvent.preventDefault();
    startTransition(async () => {
      const addresses = to
        .split(/[\s,;]+/)
        .map((address) => address.trim())
        .filter(Boolean);
      const values: DestinationFormValues = {
        kind,
        name,
        events,
        projectIds: projectIds.length > 0 ? projectIds : null,
        ...(kind === "email" ? { to: addresses } : url || !destination ? { url } : {}),
      };
      const failure = await onSave(values);
      if (failure) setError(failure);
    });
  };
  const title = destination ? `Edit ${destination.name}` : "Add a destination";
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="destination-form-title">
      <DialogTitle id="destination-form-title">{title}</DialogTitle>
      <form onSubmit={submit}>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error && <Alert severity="error">{error}</Alert>}
            <TextField
              select
              label="Kind"
              value={kind}
              disabled={destination !== null}
              onChange={(event) => setKind(event.target.value as Kind)}
            >
              {(Object.keys(kindLabels) as Kind[]).map((value) => (
                <MenuItem key={value} value={value} disabled={value === "email" && !emailAvailable}>
                  {kindLabels[value]}
                  {value === "email" && !emailAvailable ? " (needs MERGELINE_SMTP_URL)" : ""}
                </MenuItem>
              ))}
            </TextField>
            <TextField label="Name" value={name} onChange={(event) => setName(event.target.value)} required />
            {kind === "email" ? (
              <TextField
                label="Email addresses"
                value={to}
                onChange={(event) => setTo(event.target.value)}
                helperText="Separated by commas, at most 20"
                required
              />
            ) : (
              <TextField
                label={kind === "slack" ? "Slack incoming webhook URL" : "URL"}
                value={url}
                onChange={(event) => setUrl(event.target.value)}
                required={destination === null}
                helperText={
                  destination?.kind === "slack"
                    ? `Saved: ${destination.url ?? ""} (leave empty to keep it)`
                    : "Private, loopback and link-local addresses are refused"
                }
              />
            )}
            <FormGroup>
              <FormLabel component="legend">Events</FormLabel>
              {(Object.keys(eventLabels) as EventType[]).map((event) => (
                <FormControlLabel
                  key={event}
                  control={<Checkbox checked={events.includes(event)} onChange={() => toggle(event)} />}
                  label={`${eventLabels[event]} (${event})`}
                />
              ))}
            </FormGroup>
            <TextField
              select
              label="Projects"
              value={projectIds}
              onChange={(event) => {
                const { value } = event.target as { value: unknown };
                setProjectIds(Array.isArray(value) ? value.map(String) : []);
              }}
              helperText="None chosen: every project of the team, new ones included"
              slotProps={{ select: { multiple: true } }}
            >
              {projects.map((project) => (
                <MenuItem key={project.id} value={project.id}>
                  {project.name}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={pending}>
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
