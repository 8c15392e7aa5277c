import { expect, test } from "@playwright/test";
import { DashboardPage } from "./dashboard-page";

test("the dashboard shows the demo project as a card", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));

  const dashboard = new DashboardPage(page);
  await dashboard.goto();
  await expect(dashboard.heading).toBeVisible();
  const card = dashboard.card("demo-cart");
  await expect(card).toBeVisible();
  await expect(card.getByText("Local repository")).toBeVisible();
  await expect(card.getByText("scripted model")).toBeVisible();
  await expect(card).toContainText("repos/demo-cart");
  expect(errors).toEqual([]);
});

test("the theme follows the system's color scheme", async ({ page }) => {
  const dashboard = new DashboardPage(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "light" });
  await dashboard.goto();
  const light = await background();
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(background).not.toBe(light);
});
