"use client";
import RefreshOutlined from "@mui/icons-material/RefreshOutlined";
import Box from "@mui/material/Box";
import IconButton from "@mui/material/IconButton";
import Link from "@mui/material/Link";
import Paper from "@mui/material/Paper";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import Typography from "@mui/material/Typography";
import { useState } from "react";

const widths = { phone: 390, tablet: 768, desktop: "100%" } as const;
type Width = keyof typeof widths;

/** The running app in a frame, through the preview proxy, at a phone's, a tablet's or the full width. */
export function StudioAppFrame({ appUrl, frameUrl, live }: { appUrl: string; frameUrl: string; live: boolean }) {
  const [width, setWidth] = useState<Width>("desktop");
  // The first handoff only: the page re-renders on every live event with a fresh one, and a
  // new src would reload the app (the cookie it set keeps an old handoff working).
  const [src] = useState(frameUrl);
  const [reloads, setReloads] = useState(0);
  return (
    <Paper variant="outlined" sx={{ p: 1.5, display: "flex", flexDirection: "column", gap: 1, minWidth: 0 }}>
      <Box sx={{ display: "flex", alignItems: "center", gap: 1, flexWrap: "wrap" }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={width}
          onChange={(_event, value: Width | null) => value && setWidth(value)}
          aria-label="Frame width"
        >
          <ToggleButton value="phone">Phone</ToggleButton>
          <ToggleButton value="tablet">Tablet</ToggleButton>
          <ToggleButton value="desktop">Desktop</ToggleButton>
        </ToggleButtonGroup>
        <IconButton aria-label="Reload the app" onClick={() => setReloads(reloads + 1)} size="small">
          <RefreshOutlined />
        </IconButton>
        <Link href={appUrl} target="_blank" rel="noopener" variant="body2" sx={{ wordBreak: "break-all" }}>
          {appUrl}
        </Link>
      </Box>
      <Box sx={{ overflowX: "auto", bgcolor: "action.hover", borderRadius: 1 }}>
        {live ? (
          <Box
            component="iframe"
            key={reloads}
            title="The running app"
            data-testid="studio-frame"
            src={src}
            sx={{ display: "block", mx: "auto", border: 0, bgcolor: "background.paper", height: { xs: 480, md: 640 } }}
            style={{ width: widths[width] }}
          />
        ) : (
          <Typography color="text.secondary" sx={{ p: 4, textAlign: "center" }}>
            The app is not running.
          </Typography>
        )}
      </Box>
    </Paper>
  );
}
