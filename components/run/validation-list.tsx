import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import Chip from "@mui/material/Chip";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Validation } from "@/db/schema";

export function ValidationList({ validations }: { validations: Validation[] }) {
  return (
    <Card>
      <CardContent>
        <Typography variant="h2" gutterBottom>
          Validation
        </Typography>
        {validations.length === 0 && <Typography color="text.secondary">No attempt has been validated yet.</Typography>}
        <Stack spacing={2}>
          {validations.map((validation) => (
            <div key={validation.id} data-testid="validation" data-status={validation.status}>
              <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
                <Typography variant="subtitle2">Attempt {validation.attempt}</Typography>
                <Chip size="small" label={validation.status} color={validation.status === "passed" ? "success" : validation.status === "failed" ? "error" : "default"} />
              </Stack>
              {validation.summary && (
                <Typography component="pre" variant="body2" sx={{ whiteSpace: "pre-wrap", fontFamily: "monospace", fontSize: 12, mt: 1, maxHeight: 320, overflow: "auto" }}>
                  {validation.summary}
                </Typography>
              )}
            </div>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}
