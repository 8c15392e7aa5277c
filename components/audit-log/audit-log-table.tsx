import Box from "@mui/material/Box";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Paper from "@mui/material/Paper";
import { stackedTableSx } from "@/components/shared/stacked-table-sx";
import type { AuditLogViewRow } from "@/lib/audit/load-audit-log-view";

export type AuditLogRow = AuditLogViewRow;

/** One page of the audit log. Details stay collapsed (a native <details>): most rows are read by their action alone. */
export function AuditLogTable({ rows }: { rows: AuditLogRow[] }) {
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table size="small" aria-label="Audit log" sx={stackedTableSx}>
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Who</TableCell>
            <TableCell>Action</TableCell>
            <TableCell>Target</TableCell>
            <TableCell>Address</TableCell>
            <TableCell>Details</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-testid="audit-row">
              <TableCell data-label="When" sx={{ whiteSpace: "nowrap" }}>
                <time dateTime={row.createdAt.toISOString()}>
                  {row.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC
                </time>
              </TableCell>
              <TableCell data-label="Who" sx={{ overflowWrap: "anywhere", minWidth: { sm: 160 } }}>
                {row.actorLabel}
              </TableCell>
              <TableCell data-label="Action">
                <code data-testid="audit-action">{row.action}</code>
              </TableCell>
              <TableCell data-label="Target" sx={{ overflowWrap: "anywhere" }}>
                {row.targetType ? `${row.targetType} ${row.targetId ?? ""}` : "—"}
              </TableCell>
              <TableCell data-label="Address">{row.ipAddress ?? "—"}</TableCell>
              <TableCell data-label="Details">
                {Object.keys(row.data).length === 0 ? (
                  "—"
                ) : (
                  <details>
                    <summary>Show</summary>
                    <Box
                      component="pre"
                      sx={{ m: 0, mt: 0.5, fontSize: 12, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}
                    >
                      {JSON.stringify(row.data, null, 2)}
                    </Box>
                  </details>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
