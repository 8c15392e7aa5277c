"use client";
import ExpandMoreRounded from "@mui/icons-material/ExpandMoreRounded";
import Accordion from "@mui/material/Accordion";
import AccordionDetails from "@mui/material/AccordionDetails";
import AccordionSummary from "@mui/material/AccordionSummary";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { useCallback, useState } from "react";
import type { FileData } from "react-diff-view";
import { DiffHunks } from "./diff-hunks";

function counts(file: FileData): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const hunk of file.hunks) {
    for (const change of hunk.changes) {
      if (change.type === "insert") added++;
      else if (change.type === "delete") removed++;
    }
  }
  return { added, removed };
}

/** One file of a diff, syntax highlighted once its language's grammar has loaded. */
export function FileDiff({ file, defaultExpanded }: { file: FileData; defaultExpanded: boolean }) {
  const path = file.type === "delete" ? file.oldPath : file.newPath;
  const [highlighted, setHighlighted] = useState(false);
  const onHighlighted = useCallback(() => setHighlighted(true), []);
  const { added, removed } = counts(file);
  return (
    <Accordion
      defaultExpanded={defaultExpanded}
      disableGutters
      variant="outlined"
      data-testid="diff-file"
      data-path={path}
      data-highlighted={highlighted ? "true" : "false"}
      slotProps={{ heading: { component: "h3" } }}
    >
      <AccordionSummary expandIcon={<ExpandMoreRounded />}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: "center", minWidth: 0 }}>
          <Typography variant="body2" sx={{ fontFamily: "monospace", fontWeight: 600, wordBreak: "break-all" }}>
            {file.type === "rename" ? `${file.oldPath} → ${file.newPath}` : path}
          </Typography>
          <Typography
            variant="caption"
            sx={{ color: "success.main", fontWeight: 600 }}
            aria-label={`${added} lines added`}
          >
            +{added}
          </Typography>
          <Typography
            variant="caption"
            sx={{ color: "error.main", fontWeight: 600 }}
            aria-label={`${removed} lines removed`}
          >
            −{removed}
          </Typography>
        </Stack>
      </AccordionSummary>
      <AccordionDetails sx={{ p: 0 }}>
        {file.isBinary || file.hunks.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ p: 2 }}>
            {file.isBinary ? "Binary file" : "No textual change (mode or rename only)"}
          </Typography>
        ) : (
          <DiffHunks file={file} path={path} onHighlighted={onHighlighted} />
        )}
      </AccordionDetails>
    </Accordion>
  );
}
