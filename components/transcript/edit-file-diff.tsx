"use client";
import "react-diff-view/style/index.css";
import Box from "@mui/material/Box";
import { useMemo } from "react";
import { parseDiff } from "react-diff-view";
import { DiffHunks } from "@/components/diff-view/diff-hunks";
import { diffStyles } from "@/components/diff-view/diff-styles";
import { editAsUnifiedDiff } from "./edit-as-unified-diff";

/** An edit_file call as the diff it made: its old text removed and new text added, at the line the tool reported. */
export function EditFileDiff({
  path,
  oldText,
  newText,
  line,
}: {
  path: string;
  oldText: string;
  newText: string;
  line?: number;
}) {
  const file = useMemo(
    () => parseDiff(editAsUnifiedDiff({ path, oldText, newText, line }))[0],
    [path, oldText, newText, line],
  );
  if (!file) return null;
  return (
    <Box sx={diffStyles}>
      <Box data-testid="tool-edit-diff" sx={{ border: 1, borderColor: "divider", borderRadius: 1, overflow: "hidden" }}>
        <DiffHunks file={file} path={path} />
      </Box>
    </Box>
  );
}
