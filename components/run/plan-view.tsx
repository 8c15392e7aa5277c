import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Plan } from "@/db/schema";
import type { PlanAttribution } from "./plan-attribution";

const statusColor = { approved: "success", rejected: "error", edited: "info", proposed: "default" } as const;

/**
 * The plan as a person reads it: summary, numbered steps, files, acceptance checks with how
 * each is checked; who or what decided it, and its version only when people edited it.
 */
export function PlanView({ plan, attribution }: { plan: Plan; attribution: PlanAttribution }) {
  const { summary, steps, files, acceptanceChecks } = plan.content;
  return (
    <Card
      data-testid="plan"
      data-version={plan.version}
      data-status={plan.status}
      component="section"
      aria-labelledby="plan-title"
      id="plan"
    >
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 1, flexWrap: "wrap" }} useFlexGap>
          <Typography id="plan-title" variant="h2">
            Plan
          </Typography>
          <Chip size="small" label={plan.status} color={statusColor[plan.status]} />
          {attribution.edits > 0 && (
            <Chip
              size="small"
              variant="outlined"
              label={`edited · version ${attribution.contentVersion}`}
              data-testid="plan-edited"
            />
          )}
        </Stack>
        {(attribution.decision || attribution.editedBy) && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="plan-attribution">
            {[attribution.editedBy && `Edited by ${attribution.editedBy}`, attribution.decision]
              .filter(Boolean)
              .join(" · ")}
          </Typography>
        )}
        {plan.status === "rejected" && plan.reason && (
          <Typography variant="body2" sx={{ mb: 1 }} data-testid="plan-reason">
            {plan.reason}
          </Typography>
        )}
        <Typography sx={{ mb: 2 }}>{summary}</Typography>
        <Typography variant="subtitle2" component="h3">
          Steps
        </Typography>
        <Stack component="ol" spacing={0.75} sx={{ mt: 0.5, mb: 2, pl: 3 }} data-testid="plan-steps">
          {steps.map((step, index) => (
            <li key={index}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {step.title}
              </Typography>
              {step.detail && (
                <Typography variant="body2" color="text.secondary">
                  {step.detail}
                </Typography>
              )}
            </li>
          ))}
        </Stack>
        {files.length > 0 && (
          <>
            <Typography variant="subtitle2" component="h3">
              Files
            </Typography>
            <Stack direction="row" spacing={0.75} sx={{ flexWrap: "wrap", mt: 0.5, mb: 2 }} useFlexGap>
              {files.map((file) => (
                <Chip key={file} size="small" variant="outlined" label={file} sx={{ fontFamily: "monospace" }} />
              ))}
            </Stack>
          </>
        )}
        {acceptanceChecks.length > 0 && (
          <>
            <Typography variant="subtitle2" component="h3">
              Acceptance checks
            </Typography>
            <Stack component="ul" spacing={0.75} sx={{ mt: 0.5, mb: 0, pl: 3 }} data-testid="plan-checks">
              {acceptanceChecks.map((check, index) => (
                <li key={index}>
                  <Typography variant="body2">{check.description}</Typography>
                  {(check.test || check.page) && (
                    <Typography variant="caption" color="text.secondary" component="p">
                      {check.test && (
                        <>
                          test: <code>{check.test}</code>
                        </>
                      )}
                      {check.test && check.page && " · "}
                      {check.page && (
                        <>
                          page: <code>{check.page}</code>
                        </>
                      )}
                    </Typography>
                  )}
                </li>
              ))}
            </Stack>
          </>
        )}
      </CardContent>
    </Card>
  );
}
