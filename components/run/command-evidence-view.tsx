import Box from "@mui/material/Box";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import { CodeBlock } from "@/components/transcript/code-block";
import type { CommandEvidence } from "@/db/schema";

const MAX_SHOWN = 20;

const at = (location?: { file: string; line?: number; column?: number }) =>
  location
    ? `${location.file}${location.line ? `:${location.line}` : ""}${location.column ? `:${location.column}` : ""}`
    : null;

function Monospace({ children }: { children: string }) {
  return (
    <Box component="code" sx={{ fontFamily: "monospace", fontSize: 12, overflowWrap: "anywhere" }}>
      {children}
    </Box>
  );
}

/**
 * What a command's output says, parsed where it ran (lib/validation/evidence): each failing
 * test with its message, expected and actual and where it failed; each lint or type problem;
 * or, for output no parser knows, the lines around its first failure.
 */
export function CommandEvidenceView({ evidence, failed }: { evidence: CommandEvidence; failed: boolean }) {
  const { failing, problems } = evidence;
  return (
    <Stack spacing={1.5} data-testid="command-evidence" data-format={evidence.format}>
      {failing.length > 0 && (
        <Stack spacing={0.5}>
          <Typography variant="subtitle2" component="h5">
            Failing tests ({failing.length})
          </Typography>
          <Stack component="ul" spacing={1} sx={{ m: 0, pl: 2.5 }}>
            {failing.slice(0, MAX_SHOWN).map((test, index) => (
              <Box component="li" key={index} data-testid="failing-test">
                <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: "anywhere" }}>
                  {test.name}
                </Typography>
                {test.message && (
                  <Typography variant="body2" color="error" sx={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>
                    {test.message}
                  </Typography>
                )}
                {(test.expected !== undefined || test.actual !== undefined) && (
                  <Typography variant="body2" component="div" color="text.secondary">
                    {test.expected !== undefined && (
                      <div>
                        expected <Monospace>{test.expected}</Monospace>
                      </div>
                    )}
                    {test.actual !== undefined && (
                      <div>
                        actual <Monospace>{test.actual}</Monospace>
                      </div>
                    )}
                  </Typography>
                )}
                {at(test.location) && (
                  <Typography variant="caption" color="text.secondary" component="p">
                    at <Monospace>{at(test.location)!}</Monospace>
                  </Typography>
                )}
              </Box>
            ))}
          </Stack>
          {failing.length > MAX_SHOWN && (
            <Typography variant="caption" color="text.secondary">
              and {failing.length - MAX_SHOWN} more in the output below
            </Typography>
          )}
        </Stack>
      )}
      {problems.length > 0 && (
        <Stack spacing={0.5}>
          <Typography variant="subtitle2" component="h5">
            Problems ({problems.length})
          </Typography>
          <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2.5 }}>
            {problems.slice(0, MAX_SHOWN).map((problem, index) => (
              <Box component="li" key={index} data-testid="command-problem" data-severity={problem.severity}>
                <Typography variant="body2" sx={{ overflowWrap: "anywhere" }}>
                  <Monospace>{at(problem) ?? problem.file}</Monospace>{" "}
                  <Box component="span" sx={{ color: problem.severity === "error" ? "error.main" : "warning.main" }}>
                    {problem.severity}
                  </Box>{" "}
                  {problem.message}
                  {problem.rule && (
                    <Typography component="span" variant="caption" color="text.secondary">
                      {" "}
                      ({problem.tool} {problem.rule})
                    </Typography>
                  )}
                </Typography>
              </Box>
            ))}
          </Stack>
          {problems.length > MAX_SHOWN && (
            <Typography variant="caption" color="text.secondary">
              and {problems.length - MAX_SHOWN} more in the output below
            </Typography>
          )}
        </Stack>
      )}
      {failed && failing.length === 0 && problems.length === 0 && evidence.excerpt && (
        <Stack spacing={0.5}>
          <Typography variant="subtitle2" component="h5">
            Where it failed
          </Typography>
          <CodeBlock maxHeight={240}>{evidence.excerpt}</CodeBlock>
        </Stack>
      )}
    </Stack>
  );
}
