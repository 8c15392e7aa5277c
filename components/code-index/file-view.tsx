"use client";
import Box from "@mui/material/Box";
import { useEffect } from "react";

/** A file with line numbers; `from`-`to` are marked and scrolled to (each line is #L<n>). */
export function FileView({ lines, from, to }: { lines: string[]; from?: number; to?: number }) {
  useEffect(() => {
    if (from) document.getElementById(`L${from}`)?.scrollIntoView({ block: "center" });
  }, [from]);
  const marked = (line: number) => from !== undefined && line >= from && line <= (to ?? from);
  return (
    <Box
      component="pre"
      data-testid="file-view"
      sx={{ m: 0, py: 1, overflowX: "auto", fontSize: 13, lineHeight: 1.5, bgcolor: "background.paper" }}
    >
      {lines.map((text, index) => {
        const line = index + 1;
        return (
          <Box
            component="span"
            id={`L${line}`}
            key={line}
            data-highlighted={marked(line) || undefined}
            sx={{ display: "block", bgcolor: marked(line) ? "warning.light" : undefined, scrollMarginTop: 80 }}
          >
            <Box
              component="a"
              href={`#L${line}`}
              sx={{
                color: "text.secondary",
                textDecoration: "none",
                userSelect: "none",
                pr: 2,
                display: "inline-block",
                minWidth: 56,
                textAlign: "right",
              }}
            >
              {line}
            </Box>
            {text}
          </Box>
        );
      })}
    </Box>
  );
}
