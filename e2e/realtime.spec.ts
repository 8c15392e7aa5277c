import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { SignJWT } from "jose";
import { io as connect } from "socket.io-client";
import { REALTIME_TOKEN_AUDIENCE } from "../realtime/contract";
import { REALTIME_PID_FILE } from "../scripts/realtime-pid-file";
import { DashboardPage } from "./dashboard-page";
import { pinFreshCartProject } from "./fresh-cart-project";

// Live updates survive the realtime sidecar dying: the launcher restarts it, the page's
// socket reconnects and refetches, and the card reaches the run's final state with no reload.

const dataDir = process.env.MERGELINE_E2E_DATA_DIR!;
const realtimeUrl = `http://127.0.0.1:${Number(process.env.MERGELINE_E2E_PORT ?? "3400") + 1}`;
const sidecarPid = () => Number(fs.readFileSync(path.join(dataDir, REALTIME_PID_FILE), "utf8").trim());
const realtimeSecret = () =>
  (JSON.parse(fs.readFileSync(path.join(dataDir, "secrets.json"), "utf8")) as { REALTIME_SECRET: string })
    .REALTIME_SECRET;

async function killSidecar(): Promise<number> {
  const pid = sidecarPid();
  process.kill(pid, "SIGKILL");
  // The launcher starts a new one and records its pid.
  await expect
    .poll(
      () => {
        try {
          return sidecarPid();
        } catch {
          return pid;
        }
      },
      { timeout: 30_000 },
    )
    .not.toBe(pid);
  return pid;
}

function trySocket(token: unknown) {
  const socket = connect(realtimeUrl, {
    auth: { token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
  });
  return new Promise<{ socket: typeof socket; error: string | null }>((resolve) => {
    socket.once("connect", () => resolve({ socket, error: null }));
    socket.once("connect_error", (error) => resolve({ socket, error: error.message }));
  });
}

async function demoProjectId(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const response = await request.get("/api/v1/projects");
  expect(response.status()).toBe(200);
  const { data } = (await response.json()) as { data: { id: string; name: string }[] };
  return data.find((project) => project.name === "demo-cart")!.id;
}

test("a run's final state reaches the card without a reload while the sidecar is killed mid-run", async ({ page }) => {
  test.setTimeout(240_000);
  // A cart of its own: the demo project's cart already has what this goal adds once
  // pipeline.spec has merged it.
  const projectId = await pinFreshCartProject(page);
  const { name } = (await (await page.request.get(`/api/v1/projects/${projectId}`)).json()) as { name: string };
  const dashboard = new DashboardPage(page);
  await dashboard.goto();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  const started = await page.request.post(`/api/v1/projects/${projectId}/runs`, {
    data: { goal: "Add a function that removes an item from the cart", autoConfirm: true },
  });
  expect(started.status()).toBe(201);
  const { id: runId } = (await started.json()) as { id: string };
  const killed = await killSidecar();

  const card = dashboard.card(name);
  // The newest run's state (a hidden marker while it is also listed among active runs).
  const latest = card.getByTestId("latest-run");
  // The run began while the sidecar was down: the reconnect's refetch brings it.
  await expect(card.locator(`a[href="/runs/${runId}"]`).first()).toBeVisible({ timeout: 60_000 });
  await killSidecar();
  await expect.poll(() => latest.getAttribute("data-state"), { timeout: 150_000 }).toMatch(/^(ready|merged)$/);
  if ((await latest.getAttribute("data-state")) === "ready") {
    expect((await page.request.post(`/api/v1/runs/${runId}/merge`, { data: {} })).status()).toBeLessThan(300);
  }
  await expect(latest).toHaveAttribute("data-state", "merged", { timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(sidecarPid()).not.toBe(killed);
});

test("nobody outside the project's team can join its rooms", async ({ page, browser }) => {
  const projectId = await demoProjectId(page.request);
  // Signed out: no token at all.
  const outsider = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  expect((await outsider.request.get(`/api/realtime/token?projectId=${projectId}`)).status()).toBe(401);
  expect((await outsider.request.post("/api/realtime/token", { data: { projectIds: [projectId] } })).status()).toBe(
    401,
  );
  await outsider.close();
  // Signed in, a project one may not see (here: one that does not exist) is a 404 like any other.
  expect((await page.request.get(`/api/realtime/token?projectId=${randomUUID()}`)).status()).toBe(404);

  // A forged token is refused by the sidecar itself.
  const forged = await new SignJWT({ projects: [projectId] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("intruder")
    .setAudience(REALTIME_TOKEN_AUDIENCE)
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode("not-the-secret-".repeat(3)));
  const refused = await trySocket(forged);
  expect(refused.error).toBe("unauthorized");
  refused.socket.disconnect();

  // A genuine token for another project admits its holder to that project only.
  const other = await new SignJWT({ projects: [randomUUID()] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("someone-else")
    .setAudience(REALTIME_TOKEN_AUDIENCE)
    .setExpirationTime("5m")
    .sign(new TextEncoder().encode(realtimeSecret()));
  const admitted = await trySocket(other);
  expect(admitted.error).toBeNull();
  expect(await admitted.socket.emitWithAck("subscribe", { projectId })).toEqual({ ok: false, error: "forbidden" });
  admitted.socket.disconnect();

  // The signed-in admin's own token does admit them.
  const own = (await (
    await page.request.post("/api/realtime/token", { data: { projectIds: [projectId] } })
  ).json()) as { token: string };
  const member = await trySocket(own.token);
  expect(member.error).toBeNull();
  expect(await member.socket.emitWithAck("subscribe", { projectId })).toEqual({ ok: true });
  member.socket.disconnect();
});
