import Step from "@mui/material/Step";
import StepLabel from "@mui/material/StepLabel";
import Stepper from "@mui/material/Stepper";
import type { RunState } from "@/db/schema";
import { activeStage, runStages } from "./run-stages";

export function RunStepper({ state, lastLiveState, dense = false }: { state: RunState; lastLiveState?: RunState | null; dense?: boolean }) {
  const active = activeStage(state, lastLiveState);
  const failedAt = state === "failed" || state === "needs_human" || state === "cancelled" ? active : -1;
  return (
    <Stepper activeStep={active} alternativeLabel aria-label="Run stages" data-testid="run-stepper" data-active-stage={active}>
      {runStages.map((label, index) => (
        <Step key={label} completed={index < active}>
          <StepLabel error={index === failedAt} slotProps={{ label: { sx: dense ? { fontSize: "0.75rem" } : undefined } }}>
            {label}
          </StepLabel>
        </Step>
      ))}
    </Stepper>
  );
}
