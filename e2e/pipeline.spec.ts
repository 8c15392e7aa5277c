import { expect, test } from "@playwright/test";
import { DashboardPage } from "./dashboard-page";
import { RunPage } from "./run-page";

test("start a run from the demo card, approve its plan, and merge it, watching it live", async ({ page }) => {
  test.setTimeout(180_000);
  const dashboard = new DashboardPage(page);
  await dashboard.goto();
  const card = dashboard.card("demo-cart");
  await card.getByRole("button", { name: "Start a run" }).click();
  const dialog = page.getByRole("dialog", { name: "Start a run on demo-cart" });
  await dialog.getByLabel("Goal").fill("Add a function that removes an item from the cart");
  await dialog.getByRole("button", { name: "Start" }).click();

  await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
  const run = new RunPage(page);
  // Every change below arrives over the realtime sidecar: the test never reloads.
  await run.expectState("Awaiting approval");
  await expect(page.getByTestId("plan")).toContainText("removeItem");
  await expect(page.getByTestId("run-model")).toContainText("Scripted model");
  // Inngest delivers the decision only once the pipeline waits for it; a person's click
  // comes later than that, and so does this one.
  await page.waitForTimeout(1000);
  await run.approvePlan();
  await run.expectState("Ready to merge", 120_000);
  await expect(page.getByTestId("run-pull-request")).toContainText("#1 (open)");
  await expect(page.getByTestId("validation").first()).toHaveAttribute("data-status", "passed");
  await page.waitForTimeout(1000);
  await run.merge();
  // Merging asks for confirmation first.
  await page.getByRole("dialog", { name: "Merge this pull request?" }).getByRole("button", { name: "Merge" }).click();
  await run.expectState("Merged");
  await expect(page.getByTestId("run-pull-request")).toContainText("#1 (merged)");

  await dashboard.goto();
  await expect(dashboard.card("demo-cart").getByTestId("latest-run")).toHaveAttribute("data-state", "merged");
});
