import { fork } from "node:child_process";
import fs from "node:fs";
import { Agent } from "node:http";
import os from "node:os";
import path from "node:path";
import { sign } from "@octokit/webhooks-methods";
import examples from "@octokit/webhooks-examples";
import { isForwarded } from "@/lib/intake/github/webhooks/forwarded-events";
import { figure, percentile } from "./lib/figures";
import { postWebhook, type WebhookDelivery } from "./lib/post-webhook";

// Signed GitHub deliveries per second through POST /api/github/webhooks as the app server
// answers it (lib/intake/app-request-handler.ts, with its request log and metrics: verify,
// dedupe with a real embedded database, journal, and the outbox's batched sends to an
// Inngest-protocol event intake), side by side with Probot 14's createNodeMiddleware and a
// trivial app on the same payloads, over HTTP, at the same concurrency. Each server runs
// in a process of its own (bench/lib/webhook-server.ts), as in production; this one sends
// the load. Each side gets a warm-up, then they alternate in rounds (a bounded count
// within a time limit each) and each side's figure is its total over all its rounds, so
// that a busy machine (other processes come and go) weighs on both sides alike. Mergeline
// sends to Inngest behind the 202: its round lasts until the intake has every event the
// round's deliveries produce.

const SECRET = "bench-webhook-secret-0123456789abcdef";
const CONCURRENCY = 16;
const WARM_UP = 2000;
const COUNT = 6000;
const TIME_LIMIT_MS = 10_000;
const ROUNDS = 3;

type Delivery = WebhookDelivery & { forwarded: boolean };
type Round = { seconds: number; latencies: number[] };

/** How many events the intake has received (its GET /received). */
async function receivedByIntake(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/received`);
  return Number(await response.text());
}

/**
 * One round: `count` deliveries from CONCURRENCY clients, timed until the last answer and,
 * with `drain`, until the intake has every event the round's deliveries should have
 * produced: work done behind the 202 counts in the round that caused it.
 */
async function load(
  port: number,
  deliveries: Delivery[],
  count: number,
  accepted: number[],
  drain?: { intakePort: number },
): Promise<Round> {
  const expected = drain ? await receivedByIntake(drain.intakePort) : 0;
  let forwarded = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count && performance.now() - started < TIME_LIMIT_MS) {
      const delivery = deliveries[next++ % deliveries.length]!;
      if (delivery.forwarded) forwarded++;
      const t = performance.now();
      const status = await postWebhook(agent, port, delivery);
      latencies.push(performance.now() - t);
      if (!accepted.includes(status)) throw new Error(`a delivery of ${delivery.event} got ${status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (drain) {
    const deadline = performance.now() + TIME_LIMIT_MS;
    while ((await receivedByIntake(drain.intakePort)) < expected + forwarded) {
      if (performance.now() > deadline) throw new Error("the intake did not receive every forwarded delivery");
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
  agent.destroy();
  return { seconds: (performance.now() - started) / 1000, latencies };
}

type Side = { port: number; stop: () => Promise<void> };

/** Starts one side (bench/lib/webhook-server.ts) in its own process. */
function startSide(side: "mergeline" | "probot" | "intake", env: Record<string, string> = {}): Promise<Side> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, "lib/webhook-server.ts"), [side], {
      execArgv: ["--import", "tsx"],
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", ...env },
      // The request log goes where production's would (stdout), and is not kept.
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    child.once("exit", (code) => reject(new Error(`the ${side} server exited with code ${code} before listening`)));
    child.once("message", (message: { port: number }) =>
      resolve({
        port: message.port,
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      }),
    );
  });
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mergeline-bench-webhooks-"));
  // The Inngest event intake stands in for the engine, a process of its own in production.
  const intake = await startSide("intake");
  const deliveries: Delivery[] = await Promise.all(
    examples
      .flatMap((group) =>
        group.examples.map((payload) => ({
          event: group.name,
          body: JSON.stringify(payload),
          forwarded: isForwarded(`github/${group.name}${"action" in payload ? `.${payload.action}` : ""}`, payload),
        })),
      )
      .map(async (delivery) => ({ ...delivery, signature: await sign(SECRET, delivery.body) })),
  );
  const mergeline = await startSide("mergeline", {
    MERGELINE_DATA_DIR: dir,
    INNGEST_DEV: "1",
    INNGEST_BASE_URL: `http://127.0.0.1:${intake.port}`,
    GITHUB_WEBHOOK_SECRET: SECRET,
  });
  const probot = await startSide("probot", { GITHUB_WEBHOOK_SECRET: SECRET });

  try {
    const drain = { intakePort: intake.port };
    await load(mergeline.port, deliveries, WARM_UP, [202], drain);
    await load(probot.port, deliveries, WARM_UP, [200]);
    const ours: Round[] = [];
    const theirs: Round[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      ours.push(await load(mergeline.port, deliveries, COUNT, [202], drain));
      theirs.push(await load(probot.port, deliveries, COUNT, [200]));
    }
    const perSecond = (rounds: Round[]) =>
      rounds.reduce((sum, round) => sum + round.latencies.length, 0) /
      rounds.reduce((sum, round) => sum + round.seconds, 0);
    figure("webhooks_per_s", perSecond(ours), "req/s");
    figure("probot_webhooks_per_s", perSecond(theirs), "req/s");
    figure("ratio_vs_probot", perSecond(ours) / perSecond(theirs), "x");
    figure(
      "p99_ms",
      percentile(
        ours.flatMap((round) => round.latencies),
        99,
      ),
      "ms",
    );
  } finally {
    await mergeline.stop();
    await probot.stop();
    await intake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
