import { expect, test } from "@playwright/test";
import { pinFreshCartProject, startRun, waitForRunState } from "./fresh-cart-project";

// Reviews in the browser: a demo run whose change the project's own secret pattern flags.
// Attempt 1's review blocks it (a secret blocks merging by default), attempt 2 keeps the
// approach (regenerate_prompt), attempt 3 takes another route (different_approach: the
// checkout back at the base), whose review resolves the finding. The run page shows the
// feedback report and each attempt's strategy; the project's Reviews page lists the reviews
// and reviews the pull request again on request, whose page (and the list) follow it live.

test("the run page's feedback report and strategies, and a review asked for on the Reviews page", async ({ page }) => {
  test.setTimeout(300_000);
  const projectId = await pinFreshCartProject(page, {
    settings: { secretPatterns: [{ name: "Demo marker", pattern: "export function removeItem" }] },
  });
  const runId = await startRun(page, projectId, "Let shoppers remove an item from the cart", true);
  expect(await waitForRunState(page, runId, ["ready", "needs_human", "failed"], 240_000)).toBe("ready");

  await page.goto(`/runs/${runId}`);
  // What is shown: while a live refresh swaps the page in, a hidden copy of it can be in the DOM for an instant.
  const report = page.getByTestId("review-report").filter({ visible: true });
  await expect(report).toContainText("Review feedback");
  await expect(report).toContainText("not checked");
  const finding = report.locator('[data-testid="review-finding"][data-kind="secret"]');
  await expect(finding).toHaveAttribute("data-status", "resolved");
  await expect(finding).toHaveAttribute("data-location", /^src\/cart\.js:\d+$/);
  await expect(finding).toContainText("resolved in");
  await expect(page.locator('[data-testid="attempt-strategy"][data-strategy="different_approach"]')).toBeVisible();

  // The Reviews page lists the run's three reviews; asking for one more opens its page.
  await page.goto(`/projects/${projectId}/reviews`);
  await expect(page.getByTestId("review-row")).toHaveCount(3);
  // The list open in another tab follows the new review, from its start to its end, without a reload.
  const list = await page.context().newPage();
  await list.goto(`/projects/${projectId}/reviews`);
  await expect(list.getByTestId("review-row")).toHaveCount(3);
  await page.getByTestId("review-pull-request").fill("1");
  await page.getByRole("button", { name: "Review" }).click();
  await page.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
  // The page follows the review without reloads: static analysis done with its counts, the AI
  // review running (the demo script answers this fourth review of the PR after 2.5 s), then done.
  const progress = page.getByTestId("review-progress");
  await expect(progress).toHaveAttribute("data-stage", "ai", { timeout: 30_000 });
  await expect(progress).toContainText("Static analysis done; the AI review is running.");
  await expect(page.getByTestId("review-progress-counts")).toContainText(/\d+ files, \+\d+ −\d+; \d+ findings? so far/);
  await expect(page.getByTestId("review-report")).toHaveAttribute("data-status", "completed", { timeout: 30_000 });
  await expect(page.getByTestId("review-report")).toContainText("No open findings.");
  await expect(list.getByTestId("review-row")).toHaveCount(4);
  await expect(list.getByTestId("review-row").first()).toContainText("#1 · completed · request");
  await list.close();

  // A pull request the repository does not have is refused, and nothing is reviewed.
  await page.goto(`/projects/${projectId}/reviews`);
  await page.getByTestId("review-pull-request").fill("999");
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByTestId("review-request-error")).toContainText("no pull request #999");
  await expect(page.getByTestId("review-row")).toHaveCount(4);
});
