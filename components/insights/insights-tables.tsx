import Box from "@mui/material/Box";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Table from "@mui/material/Table";
import TableBody from "@mui/material/TableBody";
import TableCell from "@mui/material/TableCell";
import TableHead from "@mui/material/TableHead";
import TableRow from "@mui/material/TableRow";
import Typography from "@mui/material/Typography";
import type { InsightsReport } from "@/lib/insights/insights-report";
import { percent } from "./format-insight";

/** The most frequent failing tests, and retried runs by strategy. */
export function InsightsTables({ totals }: { totals: InsightsReport["totals"] }) {
  return (
    <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", lg: "2fr 1fr" } }}>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle1" component="h2" gutterBottom>
            Most frequent failing tests
          </Typography>
          {totals.failingTests.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              No failing tests in this period.
            </Typography>
          ) : (
            <Table size="small" aria-label="Most frequent failing tests">
              <TableHead>
                <TableRow>
                  <TableCell>Test</TableCell>
                  <TableCell align="right">Validations failed</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {totals.failingTests.map((test) => (
                  <TableRow key={test.name} data-testid="failing-test">
                    <TableCell sx={{ fontFamily: "monospace", overflowWrap: "anywhere" }}>{test.name}</TableCell>
                    <TableCell align="right">{test.failures}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle1" component="h2" gutterBottom>
            Retried runs by strategy
          </Typography>
          {totals.retries.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              No retried run ended in this period.
            </Typography>
          ) : (
            <Table size="small" aria-label="Retried runs by strategy">
              <TableHead>
                <TableRow>
                  <TableCell>Strategy</TableCell>
                  <TableCell align="right">Ended</TableCell>
                  <TableCell align="right">Merged</TableCell>
                  <TableCell align="right">Success</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {totals.retries.map((retry) => (
                  <TableRow key={retry.strategy}>
                    <TableCell>{retry.strategy}</TableCell>
                    <TableCell align="right">{retry.ended}</TableCell>
                    <TableCell align="right">{retry.merged}</TableCell>
                    <TableCell align="right">{percent(retry.successRate)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
