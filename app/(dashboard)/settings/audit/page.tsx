import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { AuditLogFilters } from "@/components/audit-log/audit-log-filters";
import { AuditLogTable } from "@/components/audit-log/audit-log-table";
import { getDb } from "@/db";
import { loadAuditLogView } from "@/lib/audit/load-audit-log-view";
import { type AuditLogQuery, parseAuditLogQuery } from "@/lib/audit/parse-audit-log-query";
import { can } from "@/lib/auth/actor";
import { requireSessionActor } from "@/lib/auth/get-session-actor";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET /settings/audit: the team's audit log, for team admins only. Server-rendered; the
// filters and the page position are the URL query.
export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  const actor = await requireSessionActor({ callbackUrl: "/settings/audit" });
  const query = parseAuditLogQuery(await searchParams);
  // A person who administers several teams picks one with ?team=; the first is the default.
  const adminTeamIds = actor.memberships.map((entry) => entry.teamId).filter((teamId) => can(actor, teamId, "admin"));
  const teamId = query.team ? adminTeamIds.find((id) => id === query.team) : adminTeamIds[0];
  if (!teamId) {
    return (
      <Alert severity="error" role="alert" data-testid="audit-forbidden">
        403: only team admins can see the audit log. Ask an admin of your team if you need an entry from it.
      </Alert>
    );
  }
  const view = await loadAuditLogView({ db: getDb(), teamId, query });
  const older =
    "rows" in view && view.nextCursor ? `?${new URLSearchParams(pageParams(query, view.nextCursor))}` : null;
  return (
    <>
      <Typography variant="h1" sx={{ mb: 2 }}>
        Audit log
      </Typography>
      <AuditLogFilters query={query} />
      {"error" in view ? (
        <Alert severity="warning">{view.error}</Alert>
      ) : view.rows.length === 0 ? (
        <Paper variant="outlined" sx={{ p: 4, textAlign: "center" }} data-testid="audit-empty">
          <Typography color="text.secondary">
            {query.cursor ? "No older entries." : "No audit entries match these filters."}
          </Typography>
        </Paper>
      ) : (
        <AuditLogTable rows={view.rows} />
      )}
      <Box sx={{ display: "flex", gap: 1, mt: 2 }}>
        {query.cursor && <Button href={`?${new URLSearchParams(pageParams(query, null))}`}>Newest</Button>}
        {older && (
          <Button variant="outlined" href={older}>
            Older
          </Button>
        )}
      </Box>
    </>
  );
}

// The same filters, at another page position.
function pageParams(query: AuditLogQuery, cursor: string | null): Record<string, string> {
  const { cursor: _cursor, ...filters } = query;
  const params = Object.fromEntries(
    Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  return cursor ? { ...params, cursor } : params;
}
