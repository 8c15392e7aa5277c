"use client";
import "react-diff-view/style/index.css";
import Box from "@mui/material/Box";
import { useMemo } from "react";
import { parseDiff } from "react-diff-view";
import { DiffHunks } from "@/components/diff-view/diff-hunks";
import { diffStyles } from "@/components/diff-view/diff-styles";

/** A file edit a CLI agent reported by path (Codex's file_change), as the git diff Mergeline took of it. */
export function PatchDiff({ path, diff }: { path: string; diff: string }) {
  const file = useMemo(() => parseDiff(diff)[0], [diff]);
  if (!file) return null;
  return (
    <Box sx={diffStyles}>
      <Box data-testid="tool-edit-diff" sx={{ border: 1, borderColor: "divider", borderRadius: 1, overflow: "hidden" }}>
        <DiffHunks file={file} path={path} />
      </Box>
    </Box>
  );
}
