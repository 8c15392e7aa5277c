import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import TextField from "@mui/material/TextField";
import type { AuditLogQuery } from "@/lib/audit/parse-audit-log-query";

/**
 * A plain GET form: the filters live in the URL query, so a filtered view can be shared or
 * reloaded, and it works before any JavaScript has loaded. Applying drops the cursor.
 */
export function AuditLogFilters({ query }: { query: AuditLogQuery }) {
  const slot = { inputLabel: { shrink: true } };
  return (
    <Box
      component="form"
      method="get"
      role="search"
      aria-label="Filter the audit log"
      sx={{
        display: "flex",
        flexWrap: "wrap",
        gap: 1.5,
        alignItems: "center",
        mb: 2,
        // Two fields a row on a phone instead of one per line at their desktop widths.
        "& .MuiTextField-root": { flex: { xs: "1 1 calc(50% - 12px)", sm: "0 1 auto" }, minWidth: { xs: 140, sm: 0 } },
      }}
    >
      {query.team && <input type="hidden" name="team" value={query.team} />}
      <TextField
        size="small"
        name="action"
        label="Action"
        placeholder="run.cancel_requested"
        defaultValue={query.action}
        slotProps={slot}
      />
      <TextField
        size="small"
        name="actor"
        label="Actor"
        placeholder="email or id"
        defaultValue={query.actor}
        slotProps={slot}
      />
      <TextField
        size="small"
        name="targetType"
        label="Target type"
        placeholder="run"
        defaultValue={query.targetType}
        slotProps={slot}
      />
      <TextField size="small" type="date" name="from" label="From" defaultValue={query.from} slotProps={slot} />
      <TextField size="small" type="date" name="to" label="To" defaultValue={query.to} slotProps={slot} />
      <Button type="submit" variant="contained">
        Apply
      </Button>
      <Button href={query.team ? `?team=${encodeURIComponent(query.team)}` : "?"}>Clear</Button>
    </Box>
  );
}
