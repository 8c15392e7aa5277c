import Chip from "@mui/material/Chip";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableContainer from "@mui/material/TableContainer";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import { AppLink } from "@/components/project-card/app-link";
import { stackedTableSx } from "@/components/shared/stacked-table-sx";
import type { Run } from "@/db/schema";
import { stateColor, stateLabels } from "@/components/run/run-stages";
import { formatUsd } from "./format-metrics";

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/** One page of a project's runs, newest first. */
export function ProjectRunsTable({ runs }: { runs: Run[] }) {
  return (
    <TableContainer>
      <Table size="small" aria-label="Runs" sx={stackedTableSx}>
        <TableHead>
          <TableRow>
            <TableCell>State</TableCell>
            <TableCell>Goal</TableCell>
            <TableCell>Source</TableCell>
            <TableCell>Started</TableCell>
            <TableCell align="right">Attempts</TableCell>
            <TableCell align="right">Cost</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {runs.map((run) => (
            <TableRow key={run.id} hover data-testid="project-run" data-state={run.state}>
              <TableCell data-label="State">
                <Chip size="small" label={stateLabels[run.state]} color={stateColor(run.state)} />
              </TableCell>
              <TableCell data-label="Goal" sx={{ maxWidth: 420 }}>
                <AppLink
                  href={`/runs/${run.id}`}
                  sx={{ display: "block", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
                >
                  {run.goal.split("\n")[0]}
                </AppLink>
              </TableCell>
              <TableCell data-label="Source">{run.source}</TableCell>
              <TableCell data-label="Started" sx={{ whiteSpace: "nowrap" }}>
                {when(run.createdAt)}
              </TableCell>
              <TableCell data-label="Attempts" align="right">
                {run.attempt}
              </TableCell>
              <TableCell data-label="Cost" align="right">
                {formatUsd(Number(run.costUsd))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
