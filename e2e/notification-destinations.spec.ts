import { type Browser, expect, test } from "@playwright/test";
import { startWebhookReceiver } from "@/testing/notifications/start-webhook-receiver";
import { pinFreshCartProject, startRun } from "./fresh-cart-project";
import { InsightsPage } from "./insights-page";
import { MembersPage } from "./members-page";
import { NotificationSettingsPage } from "./notification-settings-page";

// Signed in as the admin, against the real product (npm start, MERGELINE_ALLOW_PRIVATE_WEBHOOKS
// set in playwright.config.ts so a receiver on loopback may be used): a webhook added on the
// settings page gets signed notifications of a real run, verified with the standardwebhooks
// library; the run then shows on the insights page, whose charts render; members get a 403.

test("a webhook added on the settings page receives a real run's signed notifications; insights show the run", async ({
  page,
}) => {
  test.setTimeout(240_000);
  let secret: string | undefined;
  const receiver = await startWebhookReceiver({ secret: () => secret });
  try {
    const projectId = await pinFreshCartProject(page);
    const patched = await page.request.patch(`/api/v1/projects/${projectId}`, {
      data: { settings: { autoMerge: "auto-when-green" } },
    });
    expect(patched.ok(), await patched.text()).toBe(true);
    const project = (await (await page.request.get(`/api/v1/projects/${projectId}`)).json()) as { name: string };

    const settings = new NotificationSettingsPage(page);
    await settings.open();
    await expect(settings.heading).toBeVisible();
    const name = `Deploys ${Date.now().toString(36)}`;
    secret = await settings.addWebhook({
      name,
      url: receiver.url,
      events: ["run.pr_opened", "run.merged"],
      project: project.name,
    });
    expect(secret).toMatch(/^whsec_/);
    await expect(page.getByText(secret)).toHaveCount(0);

    await settings.destination(name).getByRole("button", { name: "Send test" }).click();
    await expect.poll(() => receiver.processed.size, { timeout: 30_000 }).toBe(1);
    await expect(settings.destination(name).getByTestId("delivery-row").first()).toHaveAttribute(
      "data-status",
      "succeeded",
      { timeout: 30_000 },
    );

    const runId = await startRun(page, projectId, "Show how many items are in the cart", true);
    await expect
      .poll(async () => ((await (await page.request.get(`/api/v1/runs/${runId}`)).json()) as { state: string }).state, {
        timeout: 180_000,
        intervals: [1000],
      })
      .toBe("merged");
    await expect.poll(() => receiver.processed.size, { timeout: 30_000 }).toBe(3);
    expect(receiver.requests.every((request) => request.verified === true)).toBe(true);
    const types = [...receiver.processed.values()].map((body) => (JSON.parse(body) as { type: string }).type);
    expect(types.sort()).toEqual(["notification.test", "run.merged", "run.pr_opened"]);
    const merged = [...receiver.processed.values()]
      .map((body) => JSON.parse(body))
      .find((body) => body.type === "run.merged");
    expect(merged.data).toMatchObject({ run: { id: runId, state: "merged" }, project: { id: projectId } });

    // The run in the project's insights: rolled up when it ended.
    const insights = new InsightsPage(page);
    await expect
      .poll(
        async () => {
          await insights.open(`?project=${projectId}`);
          return insights.kpi("Success rate").textContent();
        },
        { timeout: 60_000, intervals: [2000] },
      )
      .toBe("100%");
    await expect(insights.heading).toContainText(project.name);
    await expect(insights.kpi("Auto-merge rate")).toHaveText("100%");
    await expect(insights.kpi("Time to merge")).not.toHaveText("—");
    for (const chart of ["outcomes", "rates", "durations", "validation"] as const) {
      await expect(insights.chart(chart).locator("svg").first()).toBeVisible();
    }
    // A merged run is a bar: at least one drawn in the outcomes chart.
    await expect(insights.chart("outcomes").locator("svg rect, svg path[d]").first()).toBeVisible();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export CSV" }).click();
    const file = await (await download).createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of file) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString("utf8").trim().split("\n");
    expect(csv[0]).toMatch(/^date,runs_started,merged,/);
    expect(csv).toHaveLength(31);
    expect(csv.slice(1).some((line) => line.split(",")[2] === "1")).toBe(true);
  } finally {
    await receiver.close();
  }
});

async function joinAsMember(browser: Browser, baseURL: string, url: string) {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const member = await context.newPage();
  await member.goto(url);
  await member.getByLabel("Your name").fill("Notified Member");
  await member.getByLabel("Choose a password").fill("a long enough password");
  await member.getByRole("button", { name: "Create account and join" }).click();
  await expect(member).toHaveURL(`${baseURL}/`, { timeout: 30_000 });
  return member;
}

test("the notifications settings are for admins: a member gets the 403 notice and no menu entry", async ({
  page,
  browser,
  baseURL,
}) => {
  const members = new MembersPage(page);
  await members.open();
  const url = await members.invite(`member-${Date.now().toString(36)}@example.test`, "member");
  const member = await joinAsMember(browser, baseURL!, url);
  await member.getByRole("button", { name: "Account" }).click();
  await expect(member.getByRole("menuitem", { name: "Settings: Notifications" })).toHaveCount(0);
  await member.keyboard.press("Escape");
  await member.goto("/settings/notifications");
  await expect(member.getByTestId("notifications-forbidden")).toContainText("Only team admins");
  await expect(member.getByRole("button", { name: "Add destination" })).toHaveCount(0);
  // The REST API says the same.
  expect((await member.request.get("/api/v1/notification-destinations")).status()).toBe(403);
  await member.context().close();
  await members.open();
  await members.remove("Notified Member");
});
