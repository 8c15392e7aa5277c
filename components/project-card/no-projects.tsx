import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";
import { type PinDemoProjectAction, PinDemoButton } from "./pin-demo-button";

/** The dashboard with no pinned project: what a card is, and how to get one. */
export function NoProjects({
  hasTeam,
  selector,
  demoPath,
  pinProjectAction,
}: {
  hasTeam: boolean;
  selector: ReactNode;
  demoPath: string | null;
  pinProjectAction: PinDemoProjectAction;
}) {
  return (
    <Paper variant="outlined" sx={{ p: { xs: 3, sm: 5 }, textAlign: "center" }}>
      <Typography variant="h2" gutterBottom>
        No pinned projects yet
      </Typography>
      {!hasTeam ? (
        <Typography color="text.secondary">
          You are not a member of any team yet. Ask a team admin to add you.
        </Typography>
      ) : (
        <>
          <Typography color="text.secondary" sx={{ maxWidth: 560, mx: "auto", mb: 3 }}>
            A project is a repository pinned as a card. Mergeline plans, codes, validates and merges changes to it, and
            the card shows its runs live.
            {selector
              ? " Pin a GitHub repository your installation can reach, or a git repository on this server."
              : " Ask a team admin to pin one (or use POST /api/v1/projects)."}
          </Typography>
          <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ justifyContent: "center" }}>
            {selector}
            {demoPath && <PinDemoButton path={demoPath} pinProjectAction={pinProjectAction} />}
          </Stack>
        </>
      )}
    </Paper>
  );
}
