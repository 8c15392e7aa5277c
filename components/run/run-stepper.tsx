import Step from "@mui/material/Step";
import StepLabel from "@mui/material/StepLabel";
import Stepper from "@mui/material/Stepper";
import type { RunState } from "@/db/schema";
import { activeStage, runStages } from "./run-stages";

/** A run's stages on its own page (the cards use the lighter RunStageBar). */
export function RunStepper({ state, lastLiveState }: { state: RunState; lastLiveState?: RunState | null }) {
  const active = activeStage(state, lastLiveState);
  const failedAt = state === "failed" || state === "needs_human" || state === "cancelled" ? active : -1;
  return (
    <Stepper
      activeStep={active}
      alternativeLabel
      aria-label="Run stages"
      data-testid="run-stepper"
      data-active-stage={active}
    >
      {runStages.map((label, index) => (
        <Step key={label} completed={index < active}>
          <StepLabel error={index === failedAt}>{label}</StepLabel>
        </Step>
      ))}
    </Stepper>
  );
}
