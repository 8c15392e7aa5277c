import type { InsightDay, InsightFigures } from "@/db/queries/insight-figures";

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

type Durations = { p50: number | null; p90: number | null; count: number };

/** What the insights page and GET /api/v1/insights show: the figures and the rates made from them. */
export type InsightsReport = {
  scope: { teamId: string; projectId: string | null };
  from: string;
  to: string;
  rolledUpAt: string | null;
  totals: {
    runsStarted: number;
    runsEnded: number;
    merged: number;
    failed: number;
    cancelled: number;
    needsHuman: number;
    autoMerged: number;
    successRate: number | null;
    errorRate: number | null;
    needsHumanRate: number | null;
    autoMergeRate: number | null;
    firstAttemptPassRate: number | null;
    firstAttempts: number;
    fixAttemptPassRate: number | null;
    fixAttempts: number;
    retrySuccessRate: number | null;
    retries: { strategy: string; ended: number; merged: number; successRate: number | null }[];
    timeToPrSeconds: Durations;
    timeToMergeSeconds: Durations;
    validationSeconds: Durations;
    costUsd: number;
    tokens: number;
    costPerMergedRunUsd: number | null;
    tokensPerMergedRun: number | null;
    failingTests: { name: string; failures: number }[];
  };
  daily: {
    date: string;
    started: number;
    merged: number;
    failed: number;
    cancelled: number;
    needsHuman: number;
    successRate: number | null;
    timeToPrSeconds: Durations;
    timeToMergeSeconds: Durations;
    validationSeconds: Durations;
    firstAttemptPassRate: number | null;
    costUsd: number;
    tokens: number;
  }[];
};

const none: Durations = { p50: null, p90: null, count: 0 };

function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/**
 * Rates from the period's figures. Outcomes count runs that ended in the period, cancelled
 * ones aside (as on the project cards): success = merged / (merged + failed + needs a
 * person), and the error and needs-a-person rates share that denominator, so the three add
 * up to 1. Auto-merge rate: merged with no person's merge request / merged. Cost and tokens
 * per merged run: the spend of every run that ended in the period (failed ones included:
 * what a merge really costs) / runs merged.
 */
export function insightsReport({
  figures,
  teamId,
  projectId,
  from,
  to,
}: {
  figures: InsightFigures;
  teamId: string;
  projectId: string | null;
  from: string;
  to: string;
}): InsightsReport {
  const t = figures.totals;
  const ended = t.merged + t.failed + t.needsHuman;
  const retries = Object.entries(figures.retries)
    .map(([strategy, outcome]) => ({ strategy, ...outcome, successRate: ratio(outcome.merged, outcome.ended) }))
    .sort((a, b) => b.ended - a.ended || a.strategy.localeCompare(b.strategy));
  const retried = retries.reduce(
    (sum, retry) => ({ ended: sum.ended + retry.ended, merged: sum.merged + retry.merged }),
    {
      ended: 0,
      merged: 0,
    },
  );
  const tokens = t.inputTokens + t.outputTokens;
  const byDay = new Map<string, InsightDay>(figures.days.map((day) => [day.day, day]));
  return {
    scope: { teamId, projectId },
    from,
    to,
    rolledUpAt: figures.rolledUpAt ? new Date(figures.rolledUpAt).toISOString() : null,
    totals: {
      runsStarted: t.started,
      runsEnded: ended + t.cancelled,
      merged: t.merged,
      failed: t.failed,
      cancelled: t.cancelled,
      needsHuman: t.needsHuman,
      autoMerged: t.autoMerged,
      successRate: ratio(t.merged, ended),
      errorRate: ratio(t.failed, ended),
      needsHumanRate: ratio(t.needsHuman, ended),
      autoMergeRate: ratio(t.autoMerged, t.merged),
      firstAttemptPassRate: ratio(t.firstAttemptsPassed, t.firstAttempts),
      firstAttempts: t.firstAttempts,
      fixAttemptPassRate: ratio(t.fixAttemptsPassed, t.fixAttempts),
      fixAttempts: t.fixAttempts,
      retrySuccessRate: ratio(retried.merged, retried.ended),
      retries,
      timeToPrSeconds: t.timeToPr,
      timeToMergeSeconds: t.timeToMerge,
      validationSeconds: t.validation,
      costUsd: t.costUsd,
      tokens,
      costPerMergedRunUsd: ratio(t.costUsd, t.merged),
      tokensPerMergedRun: ratio(tokens, t.merged),
      failingTests: figures.failingTests,
    },
    daily: eachDay(from, to).map((date) => {
      const day = byDay.get(date);
      return {
        date,
        started: day?.started ?? 0,
        merged: day?.merged ?? 0,
        failed: day?.failed ?? 0,
        cancelled: day?.cancelled ?? 0,
        needsHuman: day?.needsHuman ?? 0,
        successRate: day ? ratio(day.merged, day.merged + day.failed + day.needsHuman) : null,
        timeToPrSeconds: day?.timeToPr ?? none,
        timeToMergeSeconds: day?.timeToMerge ?? none,
        validationSeconds: day?.validation ?? none,
        firstAttemptPassRate: day ? ratio(day.firstAttemptsPassed, day.firstAttempts) : null,
        costUsd: day?.costUsd ?? 0,
        tokens: (day?.inputTokens ?? 0) + (day?.outputTokens ?? 0),
      };
    }),
  };
}
