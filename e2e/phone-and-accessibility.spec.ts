import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { type MainPage, makeMainPages, openMainPage, signedInContext } from "./main-pages";

// Every main page on a phone (390 px wide: nothing makes the page itself scroll sideways)
// and through axe-core (no serious or critical violation of WCAG 2.1 A/AA, in light and
// dark), including the run page's dialogs and editor. The runs are made once, up front.

test.describe.configure({ mode: "serial" });

let mainPages: MainPage[] = [];

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const context = await signedInContext(browser, testInfo);
  mainPages = await makeMainPages(await context.newPage());
  await context.close();
});

async function pageFor(browser: Browser, main: MainPage, options: Parameters<Browser["newContext"]>[0]) {
  const info = test.info();
  const context = await browser.newContext({
    baseURL: info.project.use.baseURL,
    ...(main.signedOut ? {} : { storageState: info.project.use.storageState }),
    ...options,
  });
  return { page: await context.newPage(), close: () => context.close() };
}

const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("every main page fits a 390 px phone without scrolling sideways", async ({ browser }) => {
  test.setTimeout(180_000);
  for (const main of mainPages) {
    const { page, close } = await pageFor(browser, main, { viewport: { width: 390, height: 844 }, hasTouch: true });
    await openMainPage(page, main);
    expect(await sidewaysScroll(page), `${main.name} (${main.path})`).toBeLessThanOrEqual(0);
    if (main.name === "run ready to merge") {
      // Opened, the transcript's tool calls, the diff and the screenshot stay inside the page too.
      await page.getByTestId("transcript-tool-call").filter({ hasText: "edit_file" }).first().click();
      await expect(page.getByTestId("tool-edit-diff")).toBeVisible();
      await page.getByTestId("screenshot-thumbnail").first().click();
      await expect(page.getByTestId("screenshot-lightbox").getByRole("img")).toBeVisible();
      expect(await sidewaysScroll(page), `${main.name} opened`).toBeLessThanOrEqual(0);
    }
    await close();
  }
});

async function expectNoSeriousViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect(serious, what).toEqual([]);
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe finds no serious or critical violation on any main page (${colorScheme})`, async ({ browser }) => {
    test.setTimeout(240_000);
    for (const main of mainPages) {
      // Colours are the same at every width: dark is checked on the desktop layout only.
      for (const width of colorScheme === "light" ? [1280, 390] : [1280]) {
        const { page, close } = await pageFor(browser, main, { viewport: { width, height: 900 }, colorScheme });
        await openMainPage(page, main);
        await expectNoSeriousViolations(page, `${main.name} at ${width} px`);
        if (width === 1280 && main.name === "run awaiting approval") {
          await page.getByRole("button", { name: "Edit plan" }).click();
          await expect(page.getByTestId("plan-editor")).toBeVisible();
          await expectNoSeriousViolations(page, "the plan editor");
        }
        if (width === 1280 && main.name === "run ready to merge") {
          await page.getByTestId("screenshot-thumbnail").first().click();
          await expect(page.getByTestId("screenshot-lightbox")).toBeVisible();
          await expectNoSeriousViolations(page, "the screenshot lightbox");
          await page.keyboard.press("Escape");
          await page.getByRole("button", { name: "Merge" }).click();
          await expect(page.getByRole("dialog", { name: "Merge this pull request?" })).toBeVisible();
          await expectNoSeriousViolations(page, "the merge confirmation");
        }
        await close();
      }
    }
  });
}
