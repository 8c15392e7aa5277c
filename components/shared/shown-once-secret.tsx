"use client";
import ContentCopy from "@mui/icons-material/ContentCopy";
import Alert from "@mui/material/Alert";
import IconButton from "@mui/material/IconButton";
import InputAdornment from "@mui/material/InputAdornment";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import { useState } from "react";

/** A new secret (an API key, an invitation link) with a copy button; the server keeps only its hash. */
export function ShownOnceSecret({
  secret,
  label = "API key",
  warning = "Copy this key now and store it somewhere safe: you will not see it again.",
  testId = "api-key-secret",
}: {
  secret: string;
  label?: string;
  warning?: string;
  testId?: string;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    // The clipboard API needs a secure context; where it is missing the field stays selectable.
    await navigator.clipboard?.writeText(secret).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <>
      <Alert severity="warning" sx={{ mb: 2 }}>
        {warning}
      </Alert>
      <TextField
        fullWidth
        label={label}
        value={secret}
        slotProps={{
          htmlInput: { readOnly: true, "data-testid": testId, style: { fontFamily: "monospace" } },
          input: {
            endAdornment: (
              <InputAdornment position="end">
                <Tooltip title={copied ? "Copied" : "Copy"}>
                  <IconButton aria-label={`Copy ${label}`} onClick={copy} edge="end">
                    <ContentCopy fontSize="small" />
                  </IconButton>
                </Tooltip>
              </InputAdornment>
            ),
          },
        }}
        onFocus={(event) => event.target.select()}
      />
    </>
  );
}
