"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import NextLink from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";
import type { StudioSession } from "@/db/schema";

/** A project's studio sessions (newest first) and, for members, a button that opens a new one. */
export function StudioSessions({
  projectId,
  sessions,
  canStart,
  start,
}: {
  projectId: string;
  sessions: Pick<StudioSession, "id" | "status" | "statusReason" | "createdAt">[];
  canStart: boolean;
  start: ServerAction<{ projectId: string }, { sessionId: string }>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 3 }}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, mb: 1, flexWrap: "wrap" }}>
        <Typography variant="h2" sx={{ flex: 1 }}>
          Studio
        </Typography>
        {canStart && (
          <Button
            variant="outlined"
            size="small"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await start({ projectId });
                if (result.ok) router.push(`/studio/${result.sessionId}`);
                else setError(result.error);
              })
            }
          >
            Open studio
          </Button>
        )}
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {sessions.length === 0 ? (
        <Typography color="text.secondary">
          No studio sessions yet: change the running app with the agent, every edit a commit.
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2 }} aria-label="Studio sessions">
          {sessions.map((session) => (
            <li key={session.id}>
              <Link component={NextLink} href={`/studio/${session.id}`}>
                {session.createdAt.toISOString().slice(0, 16).replace("T", " ")} · {session.status}
              </Link>
              {session.statusReason && (
                <Typography component="span" variant="body2" color="text.secondary">
                  {" "}
                  ({session.statusReason.split("\n")[0]})
                </Typography>
              )}
            </li>
          ))}
        </Box>
      )}
    </Paper>
  );
}
