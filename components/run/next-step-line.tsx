"use client";
import ContentCopyRounded from "@mui/icons-material/ContentCopyRounded";
import Box from "@mui/material/Box";
import IconButton from "@mui/material/IconButton";
import Stack from "@mui/material/Stack";
import Tooltip from "@mui/material/Tooltip";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import type { NextStep } from "./next-step";

/** What a person can do with a run that stopped: one line, and the command that checks out its branch. */
export function NextStepLine({ step }: { step: NextStep }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    if (!step.checkout) return;
    await navigator.clipboard?.writeText(step.checkout).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <Stack spacing={0.5} data-testid="run-next-step" sx={{ minWidth: 0 }}>
      <Typography variant="body2">{step.text}</Typography>
      {step.checkout && (
        <Stack direction="row" spacing={0.5} sx={{ alignItems: "center", minWidth: 0 }}>
          <Box
            component="code"
            data-testid="run-checkout-command"
            tabIndex={0}
            sx={{
              fontFamily: "monospace",
              fontSize: 13,
              px: 1,
              py: 0.5,
              bgcolor: "action.hover",
              borderRadius: 1,
              overflowX: "auto",
              whiteSpace: "nowrap",
              minWidth: 0,
            }}
          >
            {step.checkout}
          </Box>
          <Tooltip title={copied ? "Copied" : "Copy the command"}>
            <IconButton size="small" onClick={copy} aria-label="Copy the checkout command">
              <ContentCopyRounded fontSize="small" />
            </IconButton>
          </Tooltip>
        </Stack>
      )}
    </Stack>
  );
}
