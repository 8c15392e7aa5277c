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

test("cards show live figures and are reachable by keyboard, in light and dark", async ({ page }) => {
  const dashboard = new DashboardPage(page);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await dashboard.goto();
    const card = dashboard.card("demo-cart");
    await expect(card.getByTestId("metric-success-rate")).toBeVisible();
    await expect(card.getByTestId("metric-median-merge")).toBeVisible();
    await expect(card.getByTestId("metric-spend")).toBeVisible();
    const colors = await card.evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, text: getComputedStyle(element.querySelector("h2")!).color };
    });
    expect(colors.background, colorScheme).not.toBe(colors.text);
  }
  // The card's title link takes focus and opens the project with Enter.
  const title = dashboard.card("demo-cart").getByRole("link", { name: "demo-cart" });
  await title.focus();
  await expect(title).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
});

test("the account menu links the API reference", async ({ page }) => {
  await new DashboardPage(page).goto();
  await page.getByRole("button", { name: "Account" }).click();
  await page.getByRole("menuitem", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/api\/docs$/);
  await expect(page).toHaveTitle("Mergeline API reference");
});
