import { expect, test } from "@playwright/test";
import { admin } from "./accounts";
import { AuditPage } from "./audit-page";
import { DashboardPage } from "./dashboard-page";
import { RunPage } from "./run-page";

test("a run cancelled from the dashboard is in the admin's audit log, and the log filters by action", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dashboard = new DashboardPage(page);
  await dashboard.goto();
  await dashboard.card("demo-cart").getByRole("button", { name: "Start a run" }).click();
  const dialog = page.getByRole("dialog", { name: "Start a run on demo-cart" });
  await dialog.getByLabel("Goal").fill("Show the item count on the cart page");
  await dialog.getByRole("button", { name: "Start" }).click();
  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  const runId = page.url().split("/").at(-1)!;

  const run = new RunPage(page);
  await run.expectState("Awaiting approval");
  await page.getByRole("button", { name: "Cancel run" }).click();
  // Cancelling asks for confirmation first.
  await page.getByRole("dialog", { name: "Cancel this run?" }).getByRole("button", { name: "Cancel run" }).click();
  await run.expectState("Cancelled");

  const audit = new AuditPage(page);
  await page.getByRole("button", { name: "Account" }).click();
  await page.getByRole("menuitem", { name: "Audit log" }).click();
  await expect(audit.heading).toBeVisible();
  const cancelled = audit.rows.filter({ hasText: "run.cancel_requested" }).filter({ hasText: runId });
  await expect(cancelled).toHaveCount(1);
  await expect(cancelled).toContainText(admin.email);

  await audit.filterByAction("run.cancel_requested");
  await expect(page).toHaveURL(/[?&]action=run\.cancel_requested/);
  await expect(cancelled).toHaveCount(1);
  const actions = await audit.rows.getByTestId("audit-action").allTextContents();
  expect(actions.length).toBeGreaterThan(0);
  expect(new Set(actions)).toEqual(new Set(["run.cancel_requested"]));

  await audit.filterByAction("no.such_action");
  await expect(page.getByTestId("audit-empty")).toBeVisible();
});
