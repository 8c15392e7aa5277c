import { Agent } from "node:http";
import examples from "@octokit/webhooks-examples";
import { sign } from "@octokit/webhooks-methods";
import { isForwarded } from "@/lib/intake/github/webhooks/forwarded-events";
import { killStorm, startStormProduct } from "@/testing/faults/kill-storm";
import { figure, percentile } from "./lib/figures";
import { postWebhook, type WebhookDelivery } from "./lib/post-webhook";

// Crashes and load on the real product (scripts/start.ts on a data dir of its own):
//  - kill storm: 5 runs (scripted model, plans auto-confirmed, merge when green, each on a
//    repository of its own) while the embedded engine is killed with SIGKILL 10 times, 1-4 s
//    apart: how many runs merge with a clean timeline (one ending, one PR, contiguous seq),
//    and per kill how long until a run in flight records its next step;
//  - health under load: 1,000 signed GitHub deliveries that trigger functions (GitHub's
//    example payloads), and GET /api/health every 50 ms from the burst until the engine has
//    worked through what it triggered.
// BENCH_FAULTS_ONLY=storm or =health runs one half.

const SECRET = "bench-faults-webhook-secret-0123456789";
const DELIVERIES = 1000;
const CONCURRENCY = 16;

type Delivery = WebhookDelivery;

/** GitHub's example payloads of the events Mergeline forwards to Inngest, signed. */
async function forwardedDeliveries(): Promise<Delivery[]> {
  const chosen = examples.flatMap((group) =>
    group.examples
      .filter((payload) =>
        isForwarded(`github/${group.name}${"action" in payload ? `.${payload.action}` : ""}`, payload),
      )
      .map((payload) => ({ event: group.name, body: JSON.stringify(payload) })),
  );
  return Promise.all(chosen.map(async (delivery) => ({ ...delivery, signature: await sign(SECRET, delivery.body) })));
}

async function stormFigures(): Promise<void> {
  const product = await startStormProduct();
  try {
    const storm = await killStorm(product, { target: "inngest" });
    for (const run of storm.runs.filter((run) => !run.ok)) process.stderr.write(`not ok: ${JSON.stringify(run)}\n`);
    process.stderr.write(
      `recoveries (s): ${storm.recoveriesS.map((s) => s.toFixed(1)).join(" ")}; health: ${JSON.stringify(storm.healthAnswers)}\n`,
    );
    figure("kill_storm_runs_ok", storm.runs.filter((run) => run.ok).length, `of_${storm.runs.length}`);
    figure("recovery_s_p95", percentile(storm.recoveriesS, 95), "s");
    figure("kill_storm_health_unanswered", storm.unanswered, `of_${storm.healthChecks}`);
  } finally {
    await product.close();
  }
}

type EngineHealth = { jobs: number; inFlight: number };

async function healthFigures(): Promise<void> {
  const product = await startStormProduct({ GITHUB_WEBHOOK_SECRET: SECRET });
  const engineHealth = async () =>
    (await (await fetch(`http://127.0.0.1:${product.ports.inngest}/health`)).json()) as EngineHealth;
  try {
    const deliveries = await forwardedDeliveries();
    const port = product.ports.app;
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const latencies: number[] = [];
    let done = false;
    const sampling = (async () => {
      while (!done) {
        const started = performance.now();
        const answered = await fetch(`${product.baseUrl}/api/health`, { signal: AbortSignal.timeout(30_000) }).then(
          async (response) => (await response.text(), true),
          () => false,
        );
        latencies.push(answered ? performance.now() - started : 30_000);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    let next = 0;
    const worker = async () => {
      while (next < DELIVERIES) {
        const delivery = deliveries[next++ % deliveries.length]!;
        const status = await postWebhook(agent, port, delivery);
        if (status !== 202) throw new Error(`a delivery of ${delivery.event} got ${status}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    agent.destroy();
    // Until the engine has worked through what the burst triggered (busy once, then idle
    // twice in a row), at most 5 min.
    let busy = false;
    let idle = 0;
    for (const deadline = Date.now() + 300_000; Date.now() < deadline && idle < 2; ) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const engine = await engineHealth();
      if (engine.jobs > 0 || engine.inFlight > 0) {
        busy = true;
        idle = 0;
      } else if (busy || Date.now() > deadline - 270_000) idle++;
    }
    done = true;
    await sampling;
    figure("health_p99_ms_under_load", percentile(latencies, 99), "ms");
    figure("health_max_ms_under_load", Math.max(...latencies), "ms");
    figure("health_samples_under_load", latencies.length, "checks");
  } finally {
    await product.close();
  }
}

export async function run(): Promise<void> {
  const only = process.env.BENCH_FAULTS_ONLY;
  if (only !== "health") await stormFigures();
  if (only !== "storm") await healthFigures();
}
