"use client";
import FileDownloadOutlined from "@mui/icons-material/FileDownloadOutlined";
import Button from "@mui/material/Button";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import { usePathname, useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

export type InsightsFilterValues = { team: string; project: string; from: string; to: string };

const daysBefore = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** Team, project and period (in the URL, so a view can be shared), presets, and the CSV export. */
export function InsightsFilters({
  values,
  teams,
  projects,
  today,
  onExport,
}: {
  values: InsightsFilterValues;
  teams: { id: string; name: string }[];
  projects: { id: string; name: string }[];
  today: string;
  onExport: () => void;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [from, setFrom] = useState(values.from);
  const [to, setTo] = useState(values.to);
  const go = (next: Partial<InsightsFilterValues>) => {
    const merged = { ...values, from, to, ...next };
    const query = new URLSearchParams(Object.entries(merged).filter(([, value]) => value !== ""));
    router.push(`${pathname}?${query}`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({});
  };
  return (
    <Stack
      component="form"
      onSubmit={submit}
      direction={{ xs: "column", md: "row" }}
      spacing={2}
      sx={{ mb: 3, alignItems: { md: "center" }, flexWrap: "wrap" }}
    >
      {teams.length > 1 && (
        <TextField
          select
          size="small"
          label="Team"
          value={values.team}
          onChange={(e) => go({ team: e.target.value, project: "" })}
        >
          {teams.map((team) => (
            <MenuItem key={team.id} value={team.id}>
              {team.name}
            </MenuItem>
          ))}
        </TextField>
      )}
      <TextField
        select
        size="small"
        label="Project"
        value={values.project}
        onChange={(event) => go({ project: event.target.value })}
        sx={{ minWidth: 200 }}
        slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
      >
        <MenuItem value="">Whole team</MenuItem>
        {projects.map((project) => (
          <MenuItem key={project.id} value={project.id}>
            {project.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        type="date"
        label="From"
        value={from}
        onChange={(event) => setFrom(event.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextField
        size="small"
        type="date"
        label="To"
        value={to}
        onChange={(event) => setTo(event.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <Button type="submit" variant="outlined">
        Show
      </Button>
      {[7, 30, 90].map((days) => (
        <Button key={days} size="small" onClick={() => go({ from: daysBefore(today, days - 1), to: today })}>
          Last {days} days
        </Button>
      ))}
      <Button startIcon={<FileDownloadOutlined />} onClick={onExport}>
        Export CSV
      </Button>
    </Stack>
  );
}
