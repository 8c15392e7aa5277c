// Titles people would write: PR titles and commit subjects of at most 72 characters (what
// git tools show whole), cut at a word boundary; the full text goes in the body.
export const MAX_TITLE_LENGTH = 72;

/** The first line (or sentence) of `text`, cut at a word boundary to fit `max` characters. */
export function shortTitle(text: string, max = MAX_TITLE_LENGTH): string {
  const line =
    text
      .split("\n")
      .map((part) => part.trim())
      .find(Boolean) ?? "";
  const sentence = /^(.+?[.!?])(\s|$)/.exec(line)?.[1] ?? line;
  const clean = (sentence.length <= max ? sentence : line).replace(/\s+/g, " ").replace(/[.:;,]+$/, "");
  if (clean.length <= max) return clean;
  const room = clean.slice(0, max - 1);
  const boundary = room.lastIndexOf(" ");
  // A single word longer than the limit is cut where it must be.
  return `${(boundary > max / 2 ? room.slice(0, boundary) : room).replace(/[\s.:;,-]+$/, "")}…`;
}

/** The run's title: the approved plan's summary, else the goal. */
export function runTitle({ goal, planSummary }: { goal: string; planSummary?: string | null }): string {
  return shortTitle(planSummary?.trim() ? planSummary : goal) || "Mergeline change";
}

/**
 * An attempt's commit message: the subject names the attempt (after the first) and what
 * it changed, from the agent's own account; the body holds the goal and the run.
 */
export function attemptCommitMessage({
  title,
  goal,
  attempt,
  agentSummary,
  runId,
}: {
  title: string;
  goal: string;
  attempt: number;
  agentSummary: string;
  runId: string;
}): string {
  const changed = shortTitle(agentSummary, MAX_TITLE_LENGTH);
  const subject = attempt === 1 ? title : shortTitle(`Attempt ${attempt}: ${changed || `fix ${title}`}`);
  const body = [agentSummary.trim(), `Goal: ${goal.trim()}`, `Mergeline run ${runId}, attempt ${attempt}.`]
    .filter(Boolean)
    .join("\n\n");
  return `${subject}\n\n${body}\n`;
}
