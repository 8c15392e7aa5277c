import LinearProgress from "@mui/material/LinearProgress";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Run } from "@/db/schema";

type Bar = { key: string; label: string; used: number; allowed: number; text: string };

/** Minutes since the run started, up to its end when it has ended. */
export function minutesUsed(run: Pick<Run, "startedAt" | "createdAt" | "finishedAt">, now: Date): number {
  const end = run.finishedAt ?? now;
  return Math.max(0, (end.getTime() - (run.startedAt ?? run.createdAt).getTime()) / 60_000);
}

function BudgetBar({ bar }: { bar: Bar }) {
  const percent = bar.allowed > 0 ? Math.min(100, (bar.used / bar.allowed) * 100) : 100;
  const color = percent >= 100 ? "error" : percent >= 80 ? "warning" : "primary";
  return (
    <Stack spacing={0.5} data-testid={`budget-${bar.key}`} data-used={bar.used} data-allowed={bar.allowed}>
      <Stack direction="row" sx={{ justifyContent: "space-between" }}>
        <Typography variant="body2" id={`budget-${bar.key}-label`}>
          {bar.label}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {bar.text}
        </Typography>
      </Stack>
      <LinearProgress
        variant="determinate"
        value={percent}
        color={color}
        aria-labelledby={`budget-${bar.key}-label`}
        aria-valuetext={bar.text}
      />
    </Stack>
  );
}

/** Budget used against budget allowed: attempts, dollars and minutes. */
export function BudgetBars({ run, now }: { run: Run; now: Date }) {
  const { maxAttempts, maxDollars, maxMinutes } = run.budget;
  const cost = Number(run.costUsd);
  const minutes = minutesUsed(run, now);
  const bars: Bar[] = [
    {
      key: "attempts",
      label: "Attempts",
      used: run.attempt,
      allowed: maxAttempts,
      text: `${run.attempt} of ${maxAttempts}`,
    },
    {
      key: "dollars",
      label: "Cost",
      used: cost,
      allowed: maxDollars,
      text: `$${cost.toFixed(4)} of $${maxDollars.toFixed(2)}`,
    },
    {
      key: "minutes",
      label: "Time",
      used: Math.round(minutes * 10) / 10,
      allowed: maxMinutes,
      text: `${minutes < 1 ? "<1" : Math.floor(minutes)} of ${maxMinutes} min`,
    },
  ];
  return (
    <Stack spacing={1.5} data-testid="run-budget">
      {bars.map((bar) => (
        <BudgetBar key={bar.key} bar={bar} />
      ))}
    </Stack>
  );
}
