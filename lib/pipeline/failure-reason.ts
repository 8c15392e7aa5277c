// Why a run failed, as a sentence for the person reading the run page or the issue: the
// errors Mergeline raises for people say it themselves; anything else (a database error, a
// bug) is named by kind only, and its details stay in the server log, where the pipeline's
// failure handler writes them. Never SQL, parameters or a stack in front of a person.

const MAX_LENGTH = 500;

// Errors whose message is written for people (lib/platform/errors.ts and its subclasses,
// the coding agent's and the model provider's failures).
const readable = new Set([
  "AppError",
  "InvalidPlanError",
  "CodingAgentError",
  "CliAgentError",
  "AI_APICallError",
  "APICallError",
]);

const firstLine = (text: string) => text.split("\n")[0]!.trim();

/** A person-readable reason for a failed run, from the error that ended its pipeline. */
export function failureReason(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? firstLine(error.message) : "";
  if (readable.has(name) && message && !/failed query|syntax error|violates .* constraint/i.test(message)) {
    const text = name.includes("APICallError") ? `The model provider answered with an error: ${message}` : message;
    return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
  }
  return "The pipeline stopped on an unexpected error; the server log has the details. Retry starts the run again.";
}
