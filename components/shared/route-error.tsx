"use client";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Button from "@mui/material/Button";
import Stack from "@mui/material/Stack";
import Link from "next/link";

/** What an error.tsx shows: what failed, the error's reference, Retry, and a way back. */
export function RouteError({
  what,
  error,
  reset,
  backToProjects = false,
}: {
  what: string;
  error: Error & { digest?: string };
  reset: () => void;
  backToProjects?: boolean;
}) {
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        <Stack direction="row" spacing={1}>
          <Button color="inherit" size="small" onClick={reset} autoFocus>
            Retry
          </Button>
          {backToProjects && (
            <Button color="inherit" size="small" component={Link} href="/">
              Projects
            </Button>
          )}
        </Stack>
      }
    >
      <AlertTitle>{what} could not be loaded</AlertTitle>
      {error.digest ? `Reference ${error.digest}. ` : ""}Retry{backToProjects ? ", or go back to the projects" : ""}.
    </Alert>
  );
}
