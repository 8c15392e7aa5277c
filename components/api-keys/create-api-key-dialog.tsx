"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { type FormEvent, useRef, useState, useTransition } from "react";
import type { ApiKeyScope } from "@/db/schema";
import { ShownOnceSecret } from "@/components/shared/shown-once-secret";
import { useFocusFirstInvalid } from "@/components/shared/use-focus-first-invalid";
import type { FieldErrors } from "@/lib/platform/run-action";
import type { CreateApiKeyAction } from "./types";

const scopeLabels: Record<ApiKeyScope, string> = {
  read: "read: see projects and runs",
  "runs:write": "runs:write: also start, steer and merge runs",
  admin: "admin: everything, including settings and keys",
};

/**
 * Name, scope and optional expiry; on success the dialog switches to the secret, which
 * lives only in this component's state: closing it forgets the secret for good.
 */
export function CreateApiKeyDialog({
  open,
  teamId,
  createAction,
  onCreated,
  onClose,
}: {
  open: boolean;
  teamId: string;
  createAction: CreateApiKeyAction;
  onCreated: () => void;
  onClose: () => void;
}) {
  const [name, setName] = useState("");
  const [scope, setScope] = useState<ApiKeyScope>("read");
  const [expiresOn, setExpiresOn] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, fieldErrors);

  const close = () => {
    setName("");
    setScope("read");
    setExpiresOn("");
    setError(null);
    setFieldErrors({});
    setSecret(null);
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      // A date input gives a calendar day; the key works through the end of that day (UTC).
      const expiresAt = expiresOn ? new Date(`${expiresOn}T23:59:59.999Z`).toISOString() : undefined;
      const result = await createAction({ teamId, name, scope, expiresAt });
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        return setError(result.fieldErrors ? "Check the highlighted fields" : result.error);
      }
      setSecret(result.secret);
      onCreated();
    });
  };

  // While the secret shows, only Done closes the dialog: a stray click must not lose it.
  return (
    <Dialog
      open={open}
      onClose={secret ? undefined : close}
      fullWidth
      maxWidth="sm"
      aria-labelledby="create-api-key-title"
    >
      <DialogTitle id="create-api-key-title">{secret ? "Copy your new API key" : "Create API key"}</DialogTitle>
      {secret ? (
        <>
          <DialogContent>
            <ShownOnceSecret secret={secret} />
          </DialogContent>
          <DialogActions>
            <Button variant="contained" onClick={close}>
              Done
            </Button>
          </DialogActions>
        </>
      ) : (
        <form ref={form} onSubmit={submit}>
          <DialogContent>
            <Stack spacing={2} sx={{ pt: 1 }}>
              {error && <Alert severity="error">{error}</Alert>}
              <TextField
                label="Name"
                value={name}
                onChange={(event) => setName(event.target.value)}
                required
                autoFocus
                error={Boolean(fieldErrors.name)}
                helperText={fieldErrors.name}
                slotProps={{ htmlInput: { maxLength: 100 } }}
              />
              <TextField
                select
                label="Scope"
                value={scope}
                onChange={(event) => setScope(event.target.value as ApiKeyScope)}
                error={Boolean(fieldErrors.scope)}
                helperText={fieldErrors.scope}
              >
                {Object.entries(scopeLabels).map(([value, label]) => (
                  <MenuItem key={value} value={value}>
                    {label}
                  </MenuItem>
                ))}
              </TextField>
              <TextField
                label="Expires on (optional)"
                type="date"
                value={expiresOn}
                onChange={(event) => setExpiresOn(event.target.value)}
                error={Boolean(fieldErrors.expiresAt)}
                helperText={fieldErrors.expiresAt ?? "Leave empty for a key that does not expire"}
                slotProps={{ inputLabel: { shrink: true } }}
              />
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="contained" disabled={pending || name.trim() === ""}>
              Create key
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}
