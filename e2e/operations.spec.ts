import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";

const dataDir = process.env.MERGELINE_E2E_DATA_DIR!;

test("health reports every component up (database, sidecar, engine), and metrics are exposed", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({
    status: "ok",
    down: [],
    checks: { database: { ok: true }, realtime: { ok: true }, inngest: { ok: true } },
  });
  const metrics = await request.get("/api/metrics");
  expect(metrics.headers()["content-type"]).toContain("text/plain");
  const text = await metrics.text();
  expect(text).toContain(
    'mergeline_http_request_duration_seconds_count{method="GET",route="/api/health",status="200"}',
  );
  expect(text).toContain("mergeline_process_resident_memory_bytes");
  expect(text).toMatch(/mergeline_runs\{state="queued"\} \d+/);
});

test("every response carries a request id", async ({ request }) => {
  const response = await request.get("/api/health", { headers: { "x-request-id": "e2e-request-0001" } });
  expect(response.headers()["x-request-id"]).toBe("e2e-request-0001");
});

test("a second npm start on the same data dir is refused while the first keeps serving", async ({ request }) => {
  const second = spawn("npm", ["start"], {
    env: { ...process.env, MERGELINE_DATA_DIR: dataDir, PORT: "3490", REALTIME_PORT: "3491" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  second.stdout.on("data", (chunk) => (output += chunk));
  second.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => second.on("exit", resolve));
  expect(code).not.toBe(0);
  expect(output).toMatch(/data directory .* is in use by process \d+/);
  expect((await request.get("/api/health")).status()).toBe(200);
  expect(await (await request.get("/")).text()).toContain("demo-cart");
});

test("a wrong setting stops start-up with a message naming it", async () => {
  const run = spawn("npm", ["start"], {
    env: { ...process.env, DATABASE_URL: "not-a-url" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  run.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => run.on("exit", resolve));
  expect(code).toBe(1);
  expect(output).toContain("DATABASE_URL: expected a postgres:// or postgresql:// URL");
});

test("a Postgres nobody answers for stops start-up naming its host, port and the system error", async () => {
  const run = spawn("npm", ["start"], {
    env: {
      ...process.env,
      MERGELINE_DATA_DIR: `${dataDir}-unreachable`,
      DATABASE_URL: "postgres://mergeline:secret@127.0.0.1:9/mergeline",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  run.stdout.on("data", (chunk) => (output += chunk));
  run.stderr.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => run.on("exit", resolve));
  expect(code).toBe(1);
  expect(output).toContain("✗ Database");
  expect(output).toContain(
    "Cannot reach the database at 127.0.0.1:9 (mergeline): connect ECONNREFUSED 127.0.0.1:9: nothing listens there",
  );
  expect(output).not.toContain("secret");
});
