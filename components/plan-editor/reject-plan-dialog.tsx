"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import TextField from "@mui/material/TextField";
import { type FormEvent, useRef, useState } from "react";

/** Asks for the reason (required) before a plan is rejected. */
export function RejectPlanDialog({
  open,
  pending,
  error,
  onReject,
  onClose,
}: {
  open: boolean;
  pending: boolean;
  error: string | null;
  onReject: (reason: string) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const missing = reason.trim().length === 0;
  const submit = (event: FormEvent<HTMLElement>) => {
    event.preventDefault();
    setTouched(true);
    if (missing) field.current?.focus();
    else onReject(reason.trim());
  };
  return (
    <Dialog
      open={open}
      onClose={() => !pending && onClose()}
      fullWidth
      maxWidth="sm"
      aria-labelledby="reject-plan-title"
      // Checked here rather than by the browser, so the message is ours and screen readers get it.
      slotProps={{ paper: { component: "form", onSubmit: submit } }}
    >
      <DialogTitle id="reject-plan-title">Reject the plan</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>The run ends, cancelled, with your reason on its timeline.</DialogContentText>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}
        <TextField
          label="Reason (required)"
          fullWidth
          multiline
          minRows={2}
          autoFocus
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          onBlur={() => setTouched(true)}
          inputRef={field}
          error={touched && missing}
          helperText={touched && missing ? "Say why the plan is rejected" : " "}
          slotProps={{ htmlInput: { maxLength: 2000, "aria-required": true } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          Back
        </Button>
        <Button type="submit" variant="contained" color="error" loading={pending}>
          Reject plan
        </Button>
      </DialogActions>
    </Dialog>
  );
}
