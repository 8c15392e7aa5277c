"use client";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogContentText from "@mui/material/DialogContentText";
import DialogTitle from "@mui/material/DialogTitle";
import { useState, useTransition } from "react";

/** Revoke with a confirmation: a revoked key cannot be brought back. */
export function RevokeApiKeyButton({ name, onConfirm }: { name: string; onConfirm: () => Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button size="small" color="error" onClick={() => setOpen(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="revoke-api-key-title">
        <DialogTitle id="revoke-api-key-title">Revoke “{name}”?</DialogTitle>
        <DialogContent>
          <DialogContentText>Anything using this key stops working at once. This cannot be undone.</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            color="error"
            variant="contained"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                await onConfirm();
                setOpen(false);
              })
            }
          >
            Revoke key
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
