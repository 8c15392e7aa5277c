import CancelRounded from "@mui/icons-material/CancelRounded";
import CheckCircleRounded from "@mui/icons-material/CheckCircleRounded";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { AcceptanceResult } from "@/db/schema";

/** Each acceptance check of the plan with its verdict and the evidence for it. */
export function AcceptanceList({ results }: { results: AcceptanceResult[] }) {
  return (
    <Stack component="ul" spacing={1} sx={{ m: 0, p: 0, listStyle: "none" }} data-testid="acceptance-results">
      {results.map((result, index) => (
        <Stack component="li" key={index} direction="row" spacing={1} data-passed={result.passed}>
          {result.passed ? (
            <CheckCircleRounded color="success" fontSize="small" titleAccess="passed" />
          ) : (
            <CancelRounded color="error" fontSize="small" titleAccess="failed" />
          )}
          <Stack sx={{ minWidth: 0 }}>
            <Typography variant="body2">{result.description}</Typography>
            {result.evidence && (
              <Typography variant="caption" color="text.secondary" sx={{ wordBreak: "break-word" }}>
                {result.evidence}
              </Typography>
            )}
          </Stack>
        </Stack>
      ))}
    </Stack>
  );
}
