import ExpandMoreRounded from "@mui/icons-material/ExpandMoreRounded";
import Accordion from "@mui/material/Accordion";
import AccordionDetails from "@mui/material/AccordionDetails";
import AccordionSummary from "@mui/material/AccordionSummary";
import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Validation } from "@/db/schema";
import { AttemptValidation } from "./attempt-validation";
import { attemptVerdict } from "./attempt-verdict";

const statusColor = {
  passed: "success",
  failed: "error",
  error: "error",
  cancelled: "default",
  running: "info",
  pending: "default",
} as const;

function AttemptHeading({
  validation,
  component,
  strategy,
}: {
  validation: Validation;
  component: "h3" | "span";
  strategy?: string;
}) {
  const verdict = attemptVerdict(validation);
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap", minWidth: 0 }} useFlexGap>
      <Typography variant="subtitle1" component={component} sx={{ fontWeight: 600 }}>
        Attempt {validation.attempt}
      </Typography>
      <Chip size="small" label={validation.status} color={statusColor[validation.status]} />
      {strategy && (
        <Chip
          size="small"
          variant="outlined"
          label={`strategy: ${strategy.replaceAll("_", " ")}`}
          data-testid="attempt-strategy"
          data-strategy={strategy}
        />
      )}
      {verdict && (
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ overflowWrap: "anywhere" }}
          data-testid="attempt-verdict"
        >
          {verdict}
        </Typography>
      )}
    </Stack>
  );
}

/**
 * Validation per attempt: the newest open, earlier ones collapsed to a line each (open one to
 * read it). Each fix attempt names its retry strategy.
 */
export function ValidationList({
  runId,
  validations,
  strategies = {},
}: {
  runId: string;
  validations: Validation[];
  /** The retry strategy of each attempt that had one, by attempt. */
  strategies?: Record<number, string>;
}) {
  const [latest, ...earlier] = [...validations].sort((a, b) => b.attempt - a.attempt);
  return (
    <Card component="section" aria-labelledby="validation-title">
      <CardContent>
        <Typography id="validation-title" variant="h2" gutterBottom>
          Validation
        </Typography>
        {!latest && <Typography color="text.secondary">No attempt has been validated yet.</Typography>}
        {latest && (
          <Stack spacing={1.5}>
            <AttemptHeading validation={latest} component="h3" strategy={strategies[latest.attempt]} />
            <AttemptValidation runId={runId} validation={latest} latest />
          </Stack>
        )}
        {earlier.length > 0 && (
          <Stack spacing={1} sx={{ mt: 3 }}>
            <Typography variant="subtitle2" component="h3" color="text.secondary">
              Earlier attempts
            </Typography>
            {earlier.map((validation) => (
              <Accordion
                key={validation.id}
                disableGutters
                variant="outlined"
                data-testid="earlier-attempt"
                data-attempt={validation.attempt}
                slotProps={{ transition: { unmountOnExit: true }, heading: { component: "h3" } }}
              >
                <AccordionSummary expandIcon={<ExpandMoreRounded />}>
                  <AttemptHeading validation={validation} component="span" strategy={strategies[validation.attempt]} />
                </AccordionSummary>
                <AccordionDetails>
                  <AttemptValidation runId={runId} validation={validation} latest={false} />
                </AccordionDetails>
              </Accordion>
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}
