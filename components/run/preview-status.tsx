import Chip from "@mui/material/Chip";
import Link from "@mui/material/Link";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Preview } from "@/db/schema";

const statusColor = {
  starting: "info",
  ready: "success",
  crashed: "error",
  failed: "error",
  stopped: "default",
} as const;

/** The run's latest preview deployment: where it is, which app instance serves it, how it is doing. */
export function PreviewStatus({ previews, publicUrl }: { previews: Preview[]; publicUrl?: string | null }) {
  const preview = previews.at(-1);
  // People open the proxied address; the loopback one is the server's own.
  const shown = (preview?.pullRequestId && publicUrl) || preview?.url;
  if (!preview) {
    return (
      <Typography variant="body2" color="text.secondary" data-testid="run-preview">
        Preview: none
      </Typography>
    );
  }
  return (
    <Stack spacing={0.5} data-testid="run-preview" data-status={preview.status}>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }} useFlexGap>
        <Typography variant="body2">Preview:</Typography>
        {shown && preview.status === "ready" ? (
          <Link href={shown} target="_blank" rel="noreferrer" variant="body2">
            {shown}
          </Link>
        ) : (
          <Typography variant="body2" color="text.secondary">
            {shown ?? "no address yet"}
          </Typography>
        )}
        <Chip size="small" label={preview.status} color={statusColor[preview.status]} />
        {preview.instance && (
          // With several app instances, its address is on the host of the one that runs it.
          <Chip size="small" variant="outlined" label={`on ${preview.instance}`} data-testid="run-preview-instance" />
        )}
        {preview.restarts > 0 && (
          <Chip
            size="small"
            variant="outlined"
            label={`${preview.restarts} restart${preview.restarts === 1 ? "" : "s"}`}
          />
        )}
      </Stack>
      {preview.lastError && (
        // A preview stopped on purpose (the PR merged, a new attempt) says why in the same
        // field as one that broke; only a crash or failure is shown as an error.
        <Typography
          variant="caption"
          color={preview.status === "crashed" || preview.status === "failed" ? "error" : "text.secondary"}
          sx={{ wordBreak: "break-word" }}
          data-testid="preview-note"
        >
          {preview.status === "stopped" ? `Stopped: ${preview.lastError}` : preview.lastError}
        </Typography>
      )}
    </Stack>
  );
}
