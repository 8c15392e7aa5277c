import { type Browser, type BrowserContext, expect, type Page, type TestInfo } from "@playwright/test";
import { pinFreshCartProject, startRun, waitForRunState } from "./fresh-cart-project";

export type MainPage = { name: string; path: string; signedOut?: boolean };

// A test the scripted model's change cannot fix: validation fails on every attempt, so the
// run ends needing a person, with a parsed failing test on its page.
const alwaysFails = `import assert from "node:assert/strict";
import { test } from "node:test";

test("the cart remembers the shopper", () => {
  assert.equal("anonymous", "ada");
});
`;

/** A signed-in context of the project's browser state (cookies and all), for set-up outside a test. */
export function signedInContext(browser: Browser, testInfo: TestInfo): Promise<BrowserContext> {
  const { baseURL, storageState } = testInfo.project.use;
  return browser.newContext({ baseURL, storageState });
}

/**
 * Every main page of the product, with runs in the states whose pages differ most: one
 * ready to merge (with validation, a preview screenshot, a diff and a transcript), one
 * awaiting approval, and one needing a person after two failed attempts.
 */
export async function makeMainPages(page: Page): Promise<MainPage[]> {
  const ready = await pinFreshCartProject(page, { settings: { previewCommand: "npm start", previewPages: ["/"] } });
  const failing = await pinFreshCartProject(page, {
    files: { "test/always-fails.test.js": alwaysFails },
    settings: { budget: { maxAttempts: 2, maxDollars: 5, maxMinutes: 60 } },
  });
  const goal = "Let shoppers remove an item from the cart";
  const [readyRun, awaitingRun, failingRun] = await Promise.all([
    startRun(page, ready, goal, true),
    startRun(page, ready, goal),
    startRun(page, failing, goal, true),
  ]);
  await Promise.all([
    waitForRunState(page, readyRun, ["ready"], 240_000),
    waitForRunState(page, awaitingRun, ["awaiting_approval"], 240_000),
    waitForRunState(page, failingRun, ["needs_human"], 240_000),
  ]);
  expect(readyRun).not.toBe(awaitingRun);
  return [
    { name: "dashboard", path: "/" },
    { name: "project", path: `/projects/${ready}` },
    { name: "project settings", path: `/projects/${ready}/settings` },
    { name: "project reviews", path: `/projects/${ready}/reviews` },
    { name: "run ready to merge", path: `/runs/${readyRun}` },
    { name: "run awaiting approval", path: `/runs/${awaitingRun}` },
    { name: "run needing a person", path: `/runs/${failingRun}` },
    { name: "members", path: "/settings/members" },
    { name: "API keys", path: "/settings/api-keys" },
    { name: "audit log", path: "/settings/audit" },
    { name: "unknown page", path: "/no-such-page" },
    { name: "unknown run", path: "/runs/00000000-0000-4000-8000-000000000000" },
    { name: "sign-in", path: "/signin", signedOut: true },
  ];
}

/** Opens a main page and waits until its content is there. */
export async function openMainPage(page: Page, main: MainPage) {
  await page.goto(main.path);
  await expect(page.locator("main, form").first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  // Next streams a dynamic page's metadata after its content: the title can land a moment later.
  await expect(page).toHaveTitle(/\S/);
}
