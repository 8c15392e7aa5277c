import Box from "@mui/material/Box";
import type { SxProps, Theme } from "@mui/material/styles";
import type { RunState } from "@/db/schema";
import { activeStage, runStages } from "./run-stages";

type StageStatus = "done" | "active" | "error" | "todo";

// One styled element for the whole bar: its stages are plain list items styled by their
// data-status, so a dashboard of many cards, each with a few runs, stays light to render,
// send and paint (MUI's Stepper is a dozen styled elements per stage).
const barSx: SxProps<Theme> = {
  display: "grid",
  gridTemplateColumns: `repeat(${runStages.length}, minmax(0, 1fr))`,
  gap: 0.5,
  listStyle: "none",
  p: 0,
  m: 0,
  mt: 0.75,
  "& > li": {
    pt: 0.5,
    borderTop: 3,
    borderColor: "divider",
    color: "text.secondary",
    fontSize: "0.7rem",
    lineHeight: 1.4,
    textAlign: "center",
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
  },
  "& > li[data-status=done]": { borderColor: "success.main" },
  "& > li[data-status=active]": { borderColor: "primary.main", color: "text.primary", fontWeight: 600 },
  "& > li[data-status=error]": { borderColor: "error.main", color: "error.main", fontWeight: 600 },
};

const statusWords: Record<StageStatus, string> = {
  done: "done",
  active: "current",
  error: "stopped here",
  todo: "to do",
};

/** A run's stage (plan, code, PR, validate, merge) as a compact bar: the project cards' stepper. */
export function RunStageBar({ state }: { state: RunState }) {
  const active = activeStage(state);
  const stopped = state === "failed" || state === "needs_human" || state === "cancelled";
  const statusOf = (index: number): StageStatus =>
    index < active ? "done" : index === active ? (stopped ? "error" : "active") : "todo";
  return (
    <Box component="ol" aria-label="Run stages" data-testid="run-stepper" data-active-stage={active} sx={barSx}>
      {runStages.map((label, index) => (
        <li
          key={label}
          data-status={statusOf(index)}
          aria-current={index === active ? "step" : undefined}
          aria-label={`${label}: ${statusWords[statusOf(index)]}`}
        >
          {label}
        </li>
      ))}
    </Box>
  );
}
