import Chip from "@mui/material/Chip";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { AppLink } from "@/components/project-card/app-link";
import { fileLink } from "./file-link";
import { SnippetLines } from "./snippet-lines";
import type { CodeHitView } from "./types";

/** Ranked code search results: each a file:line link to the file view at the indexed commit, with its snippet. */
export function CodeSearchResults({
  projectId,
  commit,
  hits,
}: {
  projectId: string;
  commit: string | null;
  hits: CodeHitView[];
}) {
  return (
    <List aria-label="Search results" disablePadding>
      {hits.map((hit) => {
        const location =
          hit.kind === "file"
            ? hit.path
            : `${hit.path}:${hit.startLine}${hit.endLine > hit.startLine ? `-${hit.endLine}` : ""}`;
        return (
          <ListItem
            key={`${hit.path}:${hit.startLine}:${hit.endLine}:${hit.kind}`}
            divider
            sx={{ display: "block", py: 1.5 }}
          >
            <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: hit.snippet ? 1 : 0, flexWrap: "wrap" }}>
              <AppLink
                href={fileLink({
                  projectId,
                  path: hit.path,
                  commit,
                  line: hit.kind === "file" ? undefined : hit.startLine,
                  end: hit.endLine,
                })}
                sx={{ fontFamily: "monospace", fontWeight: 600 }}
              >
                {location}
              </AppLink>
              {hit.symbol ? (
                <Chip
                  size="small"
                  label={`${hit.symbol.kind} ${hit.symbol.container ? `${hit.symbol.container}.` : ""}${hit.symbol.name}`}
                />
              ) : (
                <Chip size="small" variant="outlined" label={hit.kind === "file" ? "file" : "code"} />
              )}
              <Typography variant="caption" color="text.secondary">
                {hit.matchedBy.join(" · ")}
              </Typography>
            </Stack>
            {hit.snippet && <SnippetLines snippet={hit.snippet} />}
          </ListItem>
        );
      })}
    </List>
  );
}
