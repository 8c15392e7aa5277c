"use client";
import ContentCopy from "@mui/icons-material/ContentCopy";
import Alert from "@mui/material/Alert";
import IconButton from "@mui/material/IconButton";
import InputAdornment from "@mui/material/InputAdornment";
import TextField from "@mui/material/TextField";
import Tooltip from "@mui/material/Tooltip";
import { useState } from "react";

/** The new key's secret with a copy button; the server keeps only its hash. */
export function ShownOnceSecret({ secret }: { secret: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    // The clipboard API needs a secure context; where it is missing the field stays selectable.
    await navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false));
  };
  return (
    <>
      <Alert severity="warning" sx={{ mb: 2 }}>
        Copy this key now and store it somewhere safe: you will not see it again.
      </Alert>
      <TextField
        fullWidth
        label="API key"
        value={secret}
        slotProps={{
          htmlInput: { readOnly: true, "data-testid": "api-key-secret", style: { fontFamily: "monospace" } },
          input: {
            endAdornment: (
              <InputAdornment position="end">
                <Tooltip title={copied ? "Copied" : "Copy"}>
                  <IconButton aria-label="Copy API key" onClick={copy} edge="end">
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
