"use client";
import SearchRounded from "@mui/icons-material/SearchRounded";
import SyncRounded from "@mui/icons-material/SyncRounded";
import Accordion from "@mui/material/Accordion";
import AccordionDetails from "@mui/material/AccordionDetails";
import AccordionSummary from "@mui/material/AccordionSummary";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Chip from "@mui/material/Chip";
import LinearProgress from "@mui/material/LinearProgress";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import NextLink from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";
import type { CodeIndexView } from "./types";

export type SyncCodeIndexAction = ServerAction<{ projectId: string }>;

const stateLabels: Record<CodeIndexView["state"], { label: string; color: "default" | "info" | "success" | "error" }> =
  {
    none: { label: "Not indexed", color: "default" },
    pending: { label: "Waiting", color: "default" },
    indexing: { label: "Indexing", color: "info" },
    ready: { label: "Indexed", color: "success" },
    failed: { label: "Failed", color: "error" },
  };

/** The project's code index on its page: commit, counts, progress while indexing, files with errors, search mode. */
export function CodeIndexCard({
  projectId,
  index,
  canSync,
  syncAction,
}: {
  projectId: string;
  index: CodeIndexView;
  canSync: boolean;
  syncAction: SyncCodeIndexAction;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const state = stateLabels[index.state];
  const sync = () =>
    startTransition(async () => {
      const result = await syncAction({ projectId });
      setError(result.ok ? null : result.error);
      if (result.ok) router.refresh();
    });

  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 3 }} component="section" aria-labelledby="code-index-title">
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", rowGap: 1 }}>
        <Typography variant="h2" id="code-index-title" sx={{ mr: 1 }}>
          Code index
        </Typography>
        <Chip size="small" label={state.label} color={state.color} data-testid="code-index-state" />
        <Box sx={{ flexGrow: 1 }} />
        <Button component={NextLink} href={`/projects/${projectId}/code`} size="small" startIcon={<SearchRounded />}>
          Search code
        </Button>
        {canSync && (
          <Button size="small" variant="outlined" startIcon={<SyncRounded />} onClick={sync} disabled={pending}>
            {index.state === "none" ? "Index now" : "Re-index"}
          </Button>
        )}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }} data-testid="code-index-summary">
        {index.commitSha
          ? `${index.ref} at ${index.commitSha.slice(0, 10)} · ${index.fileCount} files · ${index.symbolCount} symbols`
          : `${index.ref}: not indexed yet`}
        {" · "}
        {index.search.mode === "hybrid" ? `Hybrid search (${index.search.embeddingModel})` : "Lexical search"}
      </Typography>
      {index.state === "indexing" && (
        <Box sx={{ mt: 1.5 }}>
          <LinearProgress
            variant={index.progressTotal > 0 ? "determinate" : "indeterminate"}
            value={index.progressTotal > 0 ? (100 * index.progressDone) / index.progressTotal : undefined}
            aria-label="Indexing progress"
          />
          <Typography variant="caption" color="text.secondary">
            {index.progressTotal > 0
              ? `${index.progressDone} of ${index.progressTotal} changed files`
              : "Reading the repository"}
          </Typography>
        </Box>
      )}
      {(index.state === "failed" && index.error) || error ? (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error ?? index.error}
        </Alert>
      ) : null}
      {index.fileErrors.length > 0 && (
        <Accordion disableGutters variant="outlined" sx={{ mt: 1.5 }}>
          <AccordionSummary>
            <Typography variant="body2">
              {index.fileErrors.length} file{index.fileErrors.length > 1 ? "s" : ""} only partly indexed
            </Typography>
          </AccordionSummary>
          <AccordionDetails>
            <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2 }}>
              {index.fileErrors.map((file) => (
                <Typography component="li" variant="body2" key={file.path}>
                  <Box component="span" sx={{ fontFamily: "monospace" }}>
                    {file.path}
                  </Box>
                  : {file.error}
                </Typography>
              ))}
            </Stack>
          </AccordionDetails>
        </Accordion>
      )}
    </Paper>
  );
}
