"use client";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";

export default function ProjectError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={reset}>
          Retry
        </Button>
      }
    >
      This project could not load{error.digest ? ` (reference ${error.digest})` : ""}.
    </Alert>
  );
}
