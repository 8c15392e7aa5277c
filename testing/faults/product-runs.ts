import path from "node:path";
import type { RunningProduct } from "@/bench/lib/start-product";
import { createDemoRepository } from "@/lib/demo/create-demo-repository";

// The REST calls fault and scale tests make on a running product (one process tree, or a
// cluster behind a proxy): projects of their own, runs started (through a chosen instance),
// and each run's timeline checked once it ended.

export const API_KEY = "fault-admin-api-key-0123456789abcdef";
const TERMINAL = ["merged", "failed", "cancelled", "needs_human"];

export type StormProduct = RunningProduct & { dataDir: string; close: () => Promise<void> };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type ApiEvent = { seq: number; type: string; toState: string | null; data: Record<string, unknown>; createdAt: string };
type ApiRun = { id: string; state: string; stateReason: string | null; pullRequest: { number: number } | null };

export type StormRun = {
  id: string;
  state: string;
  reason: string | null;
  /** Terminal state changes in the run's timeline: exactly one when nothing was repeated. */
  endings: number;
  pullRequests: number[];
  seqContiguous: boolean;
  repeatedStates: boolean;
  ok: boolean;
};

/** A REST call that waits out a restarting app (no answer, or 502/503 from it). */
export async function callProduct<T>(
  product: Pick<RunningProduct, "baseUrl">,
  method: string,
  route: string,
  body?: unknown,
  { retry = true, headers = {} }: { retry?: boolean; headers?: Record<string, string> } = {},
): Promise<T> {
  for (const deadline = Date.now() + 120_000; ; ) {
    const response = await fetch(`${product.baseUrl}/api/v1${route}`, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(() => null);
    if (response && response.status < 500) {
      if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    }
    if (!retry || Date.now() > deadline)
      throw new Error(`${method} ${route}: ${response ? `HTTP ${response.status}` : "no answer"}`);
    await pause(250);
  }
}

/** A project (and repository) of its own for each of `count` runs, so that all of them merge. */
export async function createProjects(
  product: StormProduct,
  count: number,
  settings: Record<string, unknown> = {},
): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const repository = path.join(product.dataDir, "fault-repos", `cart-${Date.now().toString(36)}-${index}`);
    await createDemoRepository(repository);
    const project = await callProduct<{ id: string }>(product, "POST", "/projects", { provider: "local", repository });
    await callProduct(product, "PATCH", `/projects/${project.id}`, {
      settings: {
        autoConfirmPlans: true,
        autoMerge: "auto-when-green",
        testCommands: ["true"],
        model: "scripted",
        ...settings,
      },
    });
    ids.push(project.id);
  }
  return ids;
}

/** Starts a run; a 503 (the engine did not take its event) leaves no run, so it is asked again. */
export async function startRun(
  product: StormProduct,
  projectId: string,
  goal: string,
  headers: Record<string, string> = {},
): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (
        await callProduct<{ id: string }>(
          product,
          "POST",
          `/projects/${projectId}/runs`,
          { goal },
          { retry: false, headers },
        )
      ).id;
    } catch (error) {
      if (attempt === 20 || !String(error).includes("HTTP 503")) throw error;
      await pause(500);
    }
  }
}

async function allEvents(product: StormProduct, runId: string): Promise<ApiEvent[]> {
  const events: ApiEvent[] = [];
  for (;;) {
    const page = await callProduct<{ data: ApiEvent[]; lastSeq: number }>(
      product,
      "GET",
      `/runs/${runId}/events?after=${events.at(-1)?.seq ?? 0}&limit=500`,
    );
    events.push(...page.data);
    if (page.data.length === 0 || (events.at(-1)?.seq ?? 0) >= page.lastSeq) return events;
  }
}

/** Waits for every run to end, then checks each one's timeline. */
export async function checkRuns(product: StormProduct, runIds: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const finals = new Map<string, ApiRun>();
  while (finals.size < runIds.length && Date.now() < deadline) {
    for (const id of runIds) {
      if (finals.has(id)) continue;
      const run = await callProduct<ApiRun>(product, "GET", `/runs/${id}`);
      if (TERMINAL.includes(run.state)) finals.set(id, run);
    }
    if (finals.size < runIds.length) await pause(500);
  }
  const timelines = new Map<string, ApiEvent[]>();
  const runs: StormRun[] = [];
  for (const id of runIds) {
    const run = finals.get(id) ?? (await callProduct<ApiRun>(product, "GET", `/runs/${id}`));
    const events = await allEvents(product, id);
    timelines.set(id, events);
    const states = events.filter((event) => event.type === "state.changed").map((event) => event.toState ?? "");
    const pullRequests = [
      ...new Set(
        events.flatMap((event) => (typeof event.data.pullRequest === "number" ? [event.data.pullRequest] : [])),
      ),
    ];
    const result = {
      id,
      state: run.state,
      reason: run.stateReason,
      endings: states.filter((state) => TERMINAL.includes(state)).length,
      pullRequests,
      seqContiguous: events.every((event, index) => event.seq === index + 1),
      repeatedStates: states.some((state, index) => index > 0 && state === states[index - 1]),
    };
    const ok =
      result.state === "merged" &&
      result.endings === 1 &&
      pullRequests.length === 1 &&
      run.pullRequest?.number === pullRequests[0] &&
      result.seqContiguous &&
      !result.repeatedStates;
    runs.push({ ...result, ok });
  }
  return { runs, timelines };
}
