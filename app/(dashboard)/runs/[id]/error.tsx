"use client";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Link from "next/link";

export default function RunError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        <Stack direction="row" spacing={1}>
          <Button color="inherit" size="small" onClick={reset} autoFocus>
            Retry
          </Button>
          <Button color="inherit" size="small" component={Link} href="/">
            Projects
          </Button>
        </Stack>
      }
    >
      <AlertTitle>The run could not be loaded</AlertTitle>
      Something went wrong while reading it{error.digest ? ` (reference ${error.digest})` : ""}. Retry, or go back to the projects.
    </Alert>
  );
}
