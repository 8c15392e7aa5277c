"use client";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import Paper from "@mui/material/Paper";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { getRealtimeClient } from "@/components/realtime/realtime-client";
import { StudioAppFrame } from "./studio-app-frame";
import { StudioChat } from "./studio-chat";
import { StudioHistory } from "./studio-history";
import type { StudioActions, StudioView } from "./types";

const LIVE = ["starting", "running", "restarting"];
const MAX_LOG = 20_000;

/**
 * The studio page: the app in a frame, the chat, the history and the dev server's log, kept
 * live from the session's realtime room (status, commits, chat; the page re-renders on each,
 * and after every reconnect, so nothing published meanwhile is missed).
 */
export function StudioWorkspace({ view, actions }: { view: StudioView; actions: StudioActions }) {
  const router = useRouter();
  const { session } = view;
  const [log, setLog] = useState("");
  const [finalizing, setFinalizing] = useState(false);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const live = LIVE.includes(session.status);

  useEffect(() => {
    const client = getRealtimeClient();
    const stop = client.listen({
      onEvent: (event) => {
        if (event.studioSessionId !== session.id) return;
        if (event.type === "studio.log") setLog((text) => (text + String(event.data.text ?? "")).slice(-MAX_LOG));
        else router.refresh();
      },
      onResync: () => router.refresh(),
    });
    const leave = client.join({ projectId: session.projectId, studioSessionId: session.id });
    return () => {
      stop();
      leave();
    };
  }, [session.id, session.projectId, router]);

  return (
    <Box sx={{ display: "flex", flexDirection: "column", gap: 2 }}>
      <Box sx={{ display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
        <Typography variant="h1" sx={{ fontSize: 24, mr: 1 }}>
          Studio · {view.projectName}
        </Typography>
        <Chip label={session.status} color={live ? "success" : "default"} size="small" data-testid="studio-status" />
        {session.restarts > 0 && <Chip label={`${session.restarts} restarts`} size="small" variant="outlined" />}
        <Typography variant="body2" color="text.secondary" sx={{ wordBreak: "break-all" }}>
          {session.branch} from {session.baseBranch}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {view.canWrite && live && (
          <>
            <Button variant="contained" onClick={() => setFinalizing(true)}>
              Finalize
            </Button>
            <Button
              color="inherit"
              disabled={pending}
              onClick={() => startTransition(async () => void (await actions.stop({ sessionId: session.id })))}
            >
              Stop
            </Button>
          </>
        )}
      </Box>
      {session.statusReason && (
        <Alert severity={session.status === "failed" ? "error" : "info"}>{session.statusReason}</Alert>
      )}
      {error && <Alert severity="error">{error}</Alert>}
      <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "minmax(0, 2fr) minmax(0, 1fr)" } }}>
        <StudioAppFrame
          appUrl={view.appUrl}
          frameUrl={view.frameUrl}
          live={session.status === "running" || session.status === "restarting"}
        />
        <Box sx={{ display: "flex", flexDirection: "column", gap: 2, minWidth: 0 }}>
          <StudioChat
            sessionId={session.id}
            messages={view.messages}
            canWrite={view.canWrite}
            live={live}
            send={actions.send}
          />
          <StudioHistory
            sessionId={session.id}
            commits={view.commits}
            canWrite={view.canWrite}
            live={live}
            rollback={actions.rollback}
            diff={actions.diff}
          />
        </Box>
      </Box>
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <Typography variant="h2" sx={{ mb: 1 }}>
          Dev server log
        </Typography>
        <Box component="pre" data-testid="studio-log" sx={{ m: 0, maxHeight: 240, overflow: "auto", fontSize: 12 }}>
          {log || "Log lines appear here as the dev server prints them."}
        </Box>
      </Paper>
      <Dialog open={finalizing} onClose={() => setFinalizing(false)} fullWidth maxWidth="sm">
        <DialogTitle>Finalize into a pull request</DialogTitle>
        <DialogContent sx={{ display: "flex", flexDirection: "column", gap: 2, pt: "8px !important" }}>
          <TextField label="Title" value={title} onChange={(event) => setTitle(event.target.value)} required />
          <TextField
            label="Description"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            multiline
            minRows={3}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setFinalizing(false)}>Cancel</Button>
          <Button
            variant="contained"
            disabled={pending || !title.trim()}
            onClick={() =>
              startTransition(async () => {
                const result = await actions.finalize({ sessionId: session.id, title, description });
                if (!result.ok) return setError(result.error);
                setFinalizing(false);
                router.push(`/runs/${result.runId}`);
              })
            }
          >
            Open pull request
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
