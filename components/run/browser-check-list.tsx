import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { BrowserCheck } from "@/db/schema";
import { ScreenshotLightbox } from "./screenshot-lightbox";

export const artifactUrl = (runId: string, attempt: number, name: string) =>
  `/api/runs/${encodeURIComponent(runId)}/artifacts/${attempt}/${encodeURIComponent(name)}`;

function Findings({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <Box>
      <Typography variant="caption" color="error">
        {title} ({items.length})
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {items.slice(0, 20).map((item, index) => (
          <Typography
            key={index}
            component="li"
            variant="body2"
            sx={{ fontFamily: "monospace", fontSize: 12, wordBreak: "break-word" }}
          >
            {item}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}

/** Pages the browser checked: HTTP status, what went wrong, and a screenshot. */
export function BrowserCheckList({
  runId,
  attempt,
  checks,
}: {
  runId: string;
  attempt: number;
  checks: BrowserCheck[];
}) {
  return (
    <Stack spacing={1.5} data-testid="browser-checks">
      {checks.map((check, index) => {
        const clean =
          check.status !== null &&
          check.status < 400 &&
          check.consoleErrors.length + check.pageErrors.length + check.failedRequests.length === 0;
        return (
          <Stack
            key={index}
            direction={{ xs: "column", sm: "row" }}
            spacing={1.5}
            data-testid="browser-check"
            data-page={check.page}
          >
            {check.screenshot && (
              <ScreenshotLightbox src={artifactUrl(runId, attempt, check.screenshot)} page={check.page} />
            )}
            <Stack spacing={0.5} sx={{ minWidth: 0 }}>
              <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }} useFlexGap>
                <Typography variant="body2" sx={{ fontFamily: "monospace", fontWeight: 600, overflowWrap: "anywhere" }}>
                  {check.page}
                </Typography>
                <Chip
                  size="small"
                  color={clean ? "success" : "error"}
                  label={check.status === null ? "no response" : `HTTP ${check.status}`}
                />
              </Stack>
              <Findings title="Console errors" items={check.consoleErrors} />
              <Findings title="Page errors" items={check.pageErrors} />
              <Findings title="Failed requests" items={check.failedRequests} />
            </Stack>
          </Stack>
        );
      })}
    </Stack>
  );
}
