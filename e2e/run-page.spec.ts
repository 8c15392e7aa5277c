import { expect, test } from "@playwright/test";
import { pinFreshCartProject, startRun } from "./fresh-cart-project";

// The run page of a demo run, watched live from its start: timeline, transcript, diff,
// validation, budget, and cancelling with confirmation.

test("timeline, transcript, highlighted diff, validation logs and budget update live; cancel asks first", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const runId = await startRun(
    page,
    await pinFreshCartProject(page),
    "Let shoppers remove an item from the cart",
    true,
  );
  await page.goto(`/runs/${runId}`);
  const state = page.getByTestId("run-state");
  // From the start to ready without a reload: everything below arrived over the sidecar.
  await expect(state).toHaveText("Ready to merge", { timeout: 150_000 });

  // The timeline, newest first: what happened last is at the top.
  const timeline = page.getByTestId("run-timeline");
  for (const label of ["Planning", "Coding", "Validating", "Ready to merge"])
    await expect(timeline).toContainText(label);
  await expect(timeline.locator("li").first()).toContainText(/Ready to merge|validation completed|preview/);
  await expect(timeline.locator("li").last()).toContainText("Planning");

  // The transcript: the coding attempt is open, each tool call opens to its input and result.
  const transcript = page.getByTestId("transcript");
  await expect(transcript.getByTestId("transcript-group")).toHaveCount(2);
  await expect(transcript).toContainText("Coding, attempt 1");
  const readCart = transcript.getByTestId("transcript-tool-call").filter({ hasText: "src/cart.js" }).first();
  await expect(readCart.getByTestId("tool-output")).toHaveCount(0);
  await readCart.getByRole("button").first().click();
  await expect(readCart.getByTestId("tool-input")).toContainText('"path": "src/cart.js"');
  await expect(readCart.getByTestId("tool-output")).toContainText("export function addItem");

  // An edit is shown as the diff it made; a command with its output and a rounded duration.
  const edit = transcript.getByTestId("transcript-tool-call").filter({ hasText: "edit_file" }).first();
  await edit.getByRole("button").first().click();
  await expect(edit.getByTestId("tool-edit-diff")).toContainText("removeItem");
  await expect(edit.getByTestId("tool-edit-diff").locator(".diff-code-insert").first()).toBeVisible();
  const command = transcript.getByTestId("transcript-tool-call").filter({ hasText: "run_command" }).first();
  await command.getByRole("button").first().click();
  await expect(command.getByTestId("tool-duration")).toHaveText(/^\d+(\.\d)? (ms|s)$|^\d+ min/);

  // The diff, syntax highlighted once the JavaScript grammar has loaded.
  const cartDiff = page.locator('[data-testid="diff-file"][data-path="src/cart.js"]');
  await expect(cartDiff).toHaveAttribute("data-highlighted", "true");
  await expect(cartDiff).toContainText("export function removeItem");
  await expect(cartDiff.locator(".diff-code-insert .token.keyword").first()).toBeVisible();

  // Validation as structured results: the command with its parsed test counts, output behind a click.
  const validation = page.getByTestId("validation").first();
  await expect(validation).toHaveAttribute("data-status", "passed");
  const testCommand = validation.getByTestId("validation-command").filter({ hasText: "npm test" });
  await expect(testCommand.getByTestId("command-counts")).toHaveText(/^\d+ passed$/);
  await testCommand.getByRole("button").first().click();
  await expect(testCommand.getByTestId("command-output")).toContainText(/pass \d+/);

  // Budget used against budget allowed.
  await expect(page.getByTestId("budget-attempts")).toHaveAttribute("data-used", "1");
  await expect(page.getByTestId("budget-attempts")).toHaveAttribute("data-allowed", "3");
  await expect(page.getByTestId("run-budget").getByRole("progressbar")).toHaveCount(3);
  await expect(page.getByTestId("run-tokens")).not.toContainText("Tokens: 0 in");

  // Only the actions of the state are offered: Merge and Cancel while ready, no Retry.
  await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Approve plan" })).toHaveCount(0);
  // Cancelling asks first, and "Keep the run" changes nothing.
  await page.getByRole("button", { name: "Cancel run" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this run?" });
  await dialog.getByRole("button", { name: "Keep the run" }).click();
  await expect(dialog).toBeHidden();
  await page.waitForTimeout(500);
  await expect(state).toHaveText("Ready to merge");

  await page.getByRole("button", { name: "Cancel run" }).click();
  await dialog.getByLabel("Reason (optional)").fill("checked the page, not merging today");
  await dialog.getByRole("button", { name: "Cancel run" }).click();
  await expect(state).toHaveText("Cancelled", { timeout: 30_000 });
  await expect(page.getByTestId("run-reason")).toContainText("not merging today");
  await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Merge" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Retry" })).toBeEnabled();
});
