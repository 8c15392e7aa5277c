/** What ranks a best-of-N candidate. */
export type CandidateStanding = {
  index: number;
  /** A commit was pushed (the agent changed something and did not fail). */
  committed: boolean;
  /** The project's setup and test commands passed on the candidate's commit. */
  passed: boolean;
  /** Acceptance checks passed, when they were judged (null: not judged). */
  acceptancePassed?: boolean | null;
  /** Reasons the merge policy refuses the candidate's review, when one ran (null: no review). */
  reviewFindings?: number | null;
  diffLines: number;
};

/**
 * The winner among best-of-N candidates: one with a commit, then by validation, acceptance
 * checks, review findings when present, then the smallest diff (lines added plus removed),
 * then the first asked for. Null when no candidate committed anything.
 */
export function chooseCandidate(candidates: CandidateStanding[]): CandidateStanding | null {
  const committed = candidates.filter((candidate) => candidate.committed);
  const rank = (candidate: CandidateStanding) => [
    candidate.passed ? 0 : 1,
    candidate.acceptancePassed === false ? 1 : 0,
    candidate.reviewFindings ?? 0,
    candidate.diffLines,
    candidate.index,
  ];
  return (
    committed.sort((a, b) => {
      const [ra, rb] = [rank(a), rank(b)];
      for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
      return 0;
    })[0] ?? null
  );
}
