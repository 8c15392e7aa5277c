"use client";
import Box from "@mui/material/Box";
import { useEffect, useState } from "react";
import { Diff, type FileData, Hunk, type HunkTokens, tokenize } from "react-diff-view";
import { loadHighlighter } from "./load-highlighter";

/**
 * The hunks of one file's diff, syntax highlighted once the language's grammar has loaded
 * (`onHighlighted` says when). Lines never wrap: a long line scrolls inside its box, so an
 * identifier is never split across lines and the page never scrolls sideways.
 */
export function DiffHunks({ file, path, onHighlighted }: { file: FileData; path: string; onHighlighted?: () => void }) {
  const [tokens, setTokens] = useState<HunkTokens | null>(null);
  useEffect(() => {
    let cancelled = false;
    loadHighlighter(path)
      .then((highlighter) => {
        if (cancelled || !highlighter || file.hunks.length === 0) return;
        setTokens(
          tokenize(file.hunks, {
            highlight: true,
            refractor: highlighter.refractor as never,
            language: highlighter.language,
          }),
        );
        onHighlighted?.();
      })
      // Unhighlighted text is still the whole diff: a grammar that fails to load costs colour only.
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [file, path, onHighlighted]);
  return (
    <Box
      data-highlighted={tokens ? "true" : "false"}
      // Focusable so a keyboard can scroll a long line into view.
      tabIndex={0}
      role="group"
      aria-label={`Changes to ${path}`}
      sx={{
        fontSize: 12,
        overflowX: "auto",
        "& .diff": { tableLayout: "auto", width: "max-content", minWidth: "100%" },
        "& .diff-code": { whiteSpace: "pre", wordBreak: "normal", overflowWrap: "normal", pr: 2 },
      }}
    >
      <Diff viewType="unified" diffType={file.type} hunks={file.hunks} tokens={tokens}>
        {(hunks) => hunks.map((hunk) => <Hunk key={hunk.content} hunk={hunk} />)}
      </Diff>
    </Box>
  );
}
