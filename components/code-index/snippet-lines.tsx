import Box from "@mui/material/Box";
import type { ReactNode } from "react";
import type { SnippetView } from "./types";

function marked(line: string, ranges: [number, number][]) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [from, to] of ranges) {
    if (from > at) parts.push(line.slice(at, from));
    parts.push(<mark key={from}>{line.slice(from, to)}</mark>);
    at = to;
  }
  parts.push(line.slice(at));
  return parts;
}

/** A snippet of code with its line numbers and the query's terms marked. */
export function SnippetLines({ snippet }: { snippet: SnippetView }) {
  return (
    <Box
      component="pre"
      sx={{ m: 0, p: 1, bgcolor: "action.hover", borderRadius: 1, overflowX: "auto", fontSize: 13, lineHeight: 1.5 }}
    >
      {snippet.lines.map((line, index) => (
        <Box component="span" key={snippet.startLine + index} sx={{ display: "block" }}>
          <Box
            component="span"
            sx={{
              color: "text.secondary",
              userSelect: "none",
              pr: 2,
              display: "inline-block",
              minWidth: 40,
              textAlign: "right",
            }}
          >
            {snippet.startLine + index}
          </Box>
          {marked(
            line,
            snippet.highlights.filter(([at]) => at === index).map(([, from, to]) => [from, to] as [number, number]),
          )}
        </Box>
      ))}
    </Box>
  );
}
