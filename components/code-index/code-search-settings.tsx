import Alert from "@mui/material/Alert";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { CodeIndexView } from "./types";

/** On the settings page: how code search ranks (hybrid or lexical) and, when lexical, why and how to change it. */
export function CodeSearchSettings({ search }: { search: CodeIndexView["search"] }) {
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="code-search-settings-title">
      <Typography variant="h2" id="code-search-settings-title" sx={{ mb: 1 }}>
        Code search
      </Typography>
      {search.mode === "hybrid" ? (
        <Alert severity="success" data-testid="code-search-mode">
          Hybrid search: full text, names and paths, fused with embeddings from {search.embeddingModel}.
        </Alert>
      ) : (
        <Alert severity="info" data-testid="code-search-mode">
          Search is lexical only (full text, names and paths; no embeddings): {search.reason}. Embeddings come from an
          OpenAI-compatible <code>/embeddings</code> endpoint: set <code>MERGELINE_EMBEDDING_MODEL</code> (with{" "}
          <code>OPENAI_API_KEY</code> or <code>OPENAI_BASE_URL</code>) on a database with pgvector, and restart.
        </Alert>
      )}
    </Paper>
  );
}
