import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Plan } from "@/db/schema";

export function PlanView({ plan }: { plan: Plan }) {
  const { summary, steps, files, acceptanceChecks } = plan.content;
  return (
    <Card data-testid="plan">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 1 }}>
          <Typography variant="h2">Plan</Typography>
          <Chip size="small" label={`v${plan.version} · ${plan.status}`} color={plan.status === "approved" ? "success" : plan.status === "rejected" ? "error" : "default"} />
        </Stack>
        <Typography sx={{ mb: 2 }}>{summary}</Typography>
        <Typography variant="subtitle2">Steps</Typography>
        <ol style={{ marginTop: 4 }}>
          {steps.map((step, index) => (
            <li key={index}>
              <Typography variant="body2">
                <strong>{step.title}</strong>
                {step.detail ? ` — ${step.detail}` : ""}
              </Typography>
            </li>
          ))}
        </ol>
        {files.length > 0 && (
          <>
            <Typography variant="subtitle2">Files</Typography>
            <Typography variant="body2" component="p" sx={{ fontFamily: "monospace", mb: 1 }}>
              {files.join(", ")}
            </Typography>
          </>
        )}
        {acceptanceChecks.length > 0 && (
          <>
            <Typography variant="subtitle2">Acceptance checks</Typography>
            <ul style={{ marginTop: 4 }}>
              {acceptanceChecks.map((check, index) => (
                <li key={index}>
                  <Typography variant="body2">{check.description}</Typography>
                </li>
              ))}
            </ul>
          </>
        )}
      </CardContent>
    </Card>
  );
}
