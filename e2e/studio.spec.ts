import { expect, test } from "@playwright/test";
import { pinViteComponents, StudioPage } from "./studio-page";

// A studio session on a real Vite + React library (vite and react installed by the
// project's setup in the sandbox): the app through the authenticated proxy, a change shown
// by hot reload without a page reload, its commit listed, rollback, and finalize into a PR
// that is validated and merged by the project's policy.

test("change a running app, roll back, finalize into a merged pull request", async ({ page }) => {
  test.setTimeout(420_000);
  const projectId = await pinViteComponents(page);
  await page.goto(`/projects/${projectId}`);
  await page.getByRole("button", { name: "Open studio" }).click();
  await page.waitForURL(/\/studio\/[0-9a-f-]{36}$/);
  const studio = new StudioPage(page);
  await expect(studio.status).toHaveText("running", { timeout: 240_000 });

  const greeting = studio.frame.getByTestId("greeting");
  await expect(greeting).toHaveText("Hello, studio!", { timeout: 60_000 });
  const loadedAt = await studio.frame.locator("body").evaluate(() => (window as { __loadedAt?: number }).__loadedAt);

  await studio.write(
    "src/greeting-text.js",
    'export function greetingText(name) {\n  return "Welcome, " + name + "!";\n}\n',
    "Welcome instead of hello",
  );
  await expect(greeting).toHaveText("Welcome, studio!", { timeout: 30_000 });
  // Hot reload, not a page reload.
  expect(await studio.frame.locator("body").evaluate(() => (window as { __loadedAt?: number }).__loadedAt)).toBe(
    loadedAt,
  );
  await expect(studio.history).toHaveCount(2);
  await expect(studio.history.first()).toContainText("Welcome instead of hello");

  // Rollback to the start: the old text shows again, as a third entry of the history.
  await studio.history
    .last()
    .getByRole("button", { name: /Roll back to/ })
    .click();
  await expect(greeting).toHaveText("Hello, studio!", { timeout: 30_000 });
  await expect(studio.history).toHaveCount(3);

  // At a phone's width (390 px) the page fits without scrolling sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(studio.status).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath("studio-390.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Someone outside the team: the app's address sends them to sign in, never to the app.
  const appUrl = await page.getByRole("link", { name: /studio-/ }).getAttribute("href");
  // Playwright gives a test's new contexts the project's signed-in state unless told otherwise.
  const stranger = await page
    .context()
    .browser()!
    .newContext({ storageState: { cookies: [], origins: [] } });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(appUrl!);
  await expect(strangerPage).toHaveURL(/\/signin/);
  await stranger.close();

  await studio.write(
    "src/greeting-text.js",
    'export function greetingText(name) {\n  return "Hi, " + name + "!";\n}\n',
    "Say hi",
  );
  await expect(greeting).toHaveText("Hi, studio!", { timeout: 30_000 });
  await page.getByRole("button", { name: "Finalize" }).click();
  const dialog = page.getByRole("dialog", { name: "Finalize into a pull request" });
  await dialog.getByLabel("Title").fill("Greet with hi");
  await dialog.getByRole("button", { name: "Open pull request" }).click();
  await page.waitForURL(/\/runs\//);
  await expect(page.getByTestId("run-state")).toHaveText("Merged", { timeout: 180_000 });
});
