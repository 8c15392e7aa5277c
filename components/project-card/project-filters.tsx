"use client";
import Search from "@mui/icons-material/Search";
import InputAdornment from "@mui/material/InputAdornment";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import ToggleButton from "@mui/material/ToggleButton";
import ToggleButtonGroup from "@mui/material/ToggleButtonGroup";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import type { ProjectFacets, ProjectStatusFilter } from "@/db/queries/project-summaries";

const labels: Record<ProjectStatusFilter, string> = {
  all: "All",
  active: "Running",
  attention: "Needs a person",
  idle: "Idle",
};

/** Search and status filter of the cards, kept in the URL (?q=&status=) so a view can be shared and survives reload. */
export function ProjectFilters({
  facets,
  query,
  status,
}: {
  facets: ProjectFacets;
  query: string;
  status: ProjectStatusFilter;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [text, setText] = useState(query);
  const [, startTransition] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const navigate = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    next.delete("show");
    const search = next.toString();
    startTransition(() => router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false }));
  };

  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <Stack direction={{ xs: "column", md: "row" }} spacing={2} sx={{ mb: 3, alignItems: { md: "center" } }}>
      <TextField
        type="search"
        size="small"
        label="Search projects"
        value={text}
        onChange={(event) => {
          const value = event.target.value;
          setText(value);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => navigate({ q: value.trim() || null }), 250);
        }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <Search fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
        sx={{ minWidth: { md: 320 } }}
      />
      <ToggleButtonGroup
        size="small"
        exclusive
        value={status}
        aria-label="Filter projects by status"
        onChange={(_event, value: ProjectStatusFilter | null) =>
          value && navigate({ status: value === "all" ? null : value })
        }
        // One row that scrolls sideways on a narrow phone, rather than buttons wrapping in ragged lines.
        sx={{ flexWrap: "nowrap", overflowX: "auto", maxWidth: "100%", alignSelf: { xs: "stretch", md: "auto" } }}
      >
        {(Object.keys(labels) as ProjectStatusFilter[]).map((key) => (
          <ToggleButton
            key={key}
            value={key}
            sx={{ textTransform: "none", px: { xs: 1, sm: 1.5 }, whiteSpace: "nowrap", flexShrink: 0 }}
          >
            {labels[key]} ({facets[key]})
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Stack>
  );
}
