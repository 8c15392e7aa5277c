"use client";
import Add from "@mui/icons-material/Add";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ShownOnceSecret } from "@/components/shared/shown-once-secret";
import { DestinationCard } from "./destination-card";
import { DestinationFormDialog, type DestinationFormValues } from "./destination-form-dialog";
import type { DeliveryView, DestinationActions, DestinationView, ProjectOption } from "./types";

type Editing = { destination: DestinationView | null } | null;

/**
 * A team's notification destinations with their delivery logs. After every change the
 * server's list is read again; after "Send test" and "Resend", again a few seconds later,
 * when the delivery has had time to go out.
 */
export function DestinationsPanel({
  teamId,
  destinations,
  deliveries,
  projects,
  emailAvailable,
  actions,
}: {
  teamId: string;
  destinations: DestinationView[];
  deliveries: Record<string, DeliveryView[]>;
  projects: ProjectOption[];
  emailAvailable: boolean;
  actions: DestinationActions;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState<Editing>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const refreshSoon = () => {
    router.refresh();
    for (const delay of [1500, 4000, 10_000]) setTimeout(() => router.refresh(), delay);
  };
  const run = (work: () => Promise<{ ok: true } | { ok: false; error: string }>, done?: string) =>
    startTransition(async () => {
      const result = await work();
      setError(result.ok ? null : result.error);
      setNotice(result.ok ? (done ?? null) : null);
      refreshSoon();
    });

  const save = async (values: DestinationFormValues): Promise<string | null> => {
    const target = editing?.destination;
    if (target) {
      const { kind: _kind, ...changes } = values;
      const result = await actions.updateAction({ teamId, id: target.id, changes });
      if (!result.ok) return result.error;
    } else {
      const { kind, url = "", to = [], ...common } = values;
      const result = await actions.createAction(
        kind === "email" ? { teamId, ...common, kind, to } : { teamId, ...common, kind, url },
      );
      if (!result.ok) return result.error;
      if (result.secret) setSecret(result.secret);
    }
    setEditing(null);
    router.refresh();
    return null;
  };

  return (
    <>
      <Box sx={{ display: "flex", justifyContent: "flex-end", mb: 2 }}>
        <Button variant="contained" startIcon={<Add />} onClick={() => setEditing({ destination: null })}>
          Add destination
        </Button>
      </Box>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {notice && (
        <Alert severity="info" sx={{ mb: 2 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {destinations.length === 0 && (
        <Typography color="text.secondary">
          No destinations yet. Add a webhook, a Slack channel or email addresses to hear about runs.
        </Typography>
      )}
      <Stack spacing={2}>
        {destinations.map((destination) => {
          const ref = { teamId, id: destination.id };
          return (
            <DestinationCard
              key={destination.id}
              destination={destination}
              deliveries={deliveries[destination.id] ?? []}
              projects={projects}
              pending={pending}
              onEdit={() => setEditing({ destination })}
              onToggle={() => run(() => actions.updateAction({ ...ref, changes: { enabled: !destination.enabled } }))}
              onTest={() => run(() => actions.testAction(ref), "Test sent; its result appears in the delivery log.")}
              onRotate={() =>
                run(async () => {
                  const result = await actions.rotateSecretAction(ref);
                  if (result.ok) setSecret(result.secret);
                  return result;
                })
              }
              onDelete={() => run(() => actions.deleteAction(ref))}
              onResend={(id) => run(() => actions.resendAction({ teamId, id }), "Resent with the same webhook-id.")}
            />
          );
        })}
      </Stack>
      {editing && (
        <DestinationFormDialog
          open
          destination={editing.destination}
          projects={projects}
          emailAvailable={emailAvailable}
          onSave={save}
          onClose={() => setEditing(null)}
        />
      )}
      <Dialog open={secret !== null} fullWidth maxWidth="sm" aria-labelledby="signing-secret-title">
        <DialogTitle id="signing-secret-title">Copy the signing secret</DialogTitle>
        <DialogContent>
          <ShownOnceSecret
            secret={secret ?? ""}
            label="Signing secret"
            warning="Your receiver verifies each request with this secret (Standard Webhooks). Copy it now: you will not see it again."
            testId="signing-secret"
          />
        </DialogContent>
        <DialogActions>
          <Button variant="contained" onClick={() => setSecret(null)}>
            Done
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
