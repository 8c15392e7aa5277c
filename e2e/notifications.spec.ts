import { expect, test } from "@playwright/test";
import { pinFixtureRepository } from "./fixture-repository";

// The bell counts runs that need a person and learns of new ones live: the page is never
// reloaded between starting a run (through the API) and the count going up.

test("a run awaiting approval raises the bell's count live, and marking read clears it", async ({ page }) => {
  test.setTimeout(120_000);
  const project = await pinFixtureRepository(page.request, "e2e-bell");
  await page.goto("/");
  const bell = page.getByTestId("notification-bell");
  await expect(bell).toBeVisible();
  // Mark everything read first, so the count below is this test's alone.
  await bell.click();
  const menu = page.getByRole("menu");
  const markAll = menu.getByRole("menuitem", { name: "Mark all as read" });
  if ((await bell.getAttribute("data-unread")) !== "0") await markAll.click();
  await page.keyboard.press("Escape");
  await expect(bell).toHaveAttribute("data-unread", "0");

  const goal = `Add removeItem (bell check ${Date.now().toString(36)})`;
  const started = await page.request.post(`/api/v1/projects/${project.id}/runs`, { data: { goal } });
  expect(started.status()).toBe(201);
  const run = (await started.json()) as { id: string };

  await expect(bell).toHaveAttribute("data-unread", "1", { timeout: 90_000 });
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");

  // Keyboard: the bell opens with Enter, the run is listed with a link to it.
  await bell.focus();
  await page.keyboard.press("Enter");
  const item = menu.getByTestId("notification").filter({ hasText: goal });
  await expect(item).toContainText("Plan awaiting approval");
  await expect(item).toHaveAttribute("href", `/runs/${run.id}`);
  await expect(item).toHaveAttribute("data-read", "false");
  await menu.getByRole("menuitem", { name: "Mark all as read" }).click();
  await expect(bell).toHaveAttribute("data-unread", "0");

  await page.request.post(`/api/v1/runs/${run.id}/cancel`, { data: {} });
});
