"use client";
import Box from "@mui/material/Box";
import Chip from "@mui/material/Chip";
import Paper from "@mui/material/Paper";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import { visuallyHidden } from "@mui/utils";
import { stackedTableSx } from "@/components/shared/stacked-table-sx";
import { apiKeyStatus } from "./api-key-status";
import { RevokeApiKeyButton } from "./revoke-api-key-button";
import type { ApiKeyView } from "./types";

const statusColor = { active: "success", expired: "warning", revoked: "default" } as const;

// Dates render in UTC so the server and the browser print the same text (no hydration mismatch).
const formatDate = (value: string | null) =>
  value ? `${new Date(value).toISOString().slice(0, 16).replace("T", " ")} UTC` : "Never";

export function ApiKeysTable({
  apiKeys,
  onRevoke,
}: {
  apiKeys: ApiKeyView[];
  onRevoke: (id: string) => Promise<void>;
}) {
  if (apiKeys.length === 0) {
    return (
      <Paper variant="outlined" sx={{ p: 4, textAlign: "center" }}>
        <Typography color="text.secondary">No API keys yet.</Typography>
      </Paper>
    );
  }
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label="API keys" sx={stackedTableSx}>
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Prefix</TableCell>
            <TableCell>Scopes</TableCell>
            <TableCell>Created</TableCell>
            <TableCell>Last used</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">
              <Box component="span" sx={visuallyHidden}>
                Actions
              </Box>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {apiKeys.map((key) => {
            const status = apiKeyStatus(key);
            return (
              <TableRow key={key.id} data-testid={`api-key-row-${key.name}`}>
                <TableCell data-label="Name">{key.name}</TableCell>
                <TableCell data-label="Prefix" sx={{ fontFamily: "monospace" }}>
                  ml_{key.prefix}…
                </TableCell>
                <TableCell data-label="Scopes">{key.scopes.join(", ")}</TableCell>
                <TableCell data-label="Created">{formatDate(key.createdAt)}</TableCell>
                <TableCell data-label="Last used">{formatDate(key.lastUsedAt)}</TableCell>
                <TableCell data-label="Status">
                  <Chip size="small" label={status} color={statusColor[status]} />
                </TableCell>
                <TableCell align="right">
                  {status !== "revoked" && <RevokeApiKeyButton name={key.name} onConfirm={() => onRevoke(key.id)} />}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
