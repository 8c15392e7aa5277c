import { expect, type Page, test } from "@playwright/test";
import { pinFreshCartProject, startRun } from "./fresh-cart-project";

// Plan review on the run page, as a member would do it, on a fresh copy of the demo cart
// with the scripted model. Runs are started through the REST API with the signed-in session.

const state = (page: Page) => page.getByTestId("run-state");

test("edit a step and an acceptance check, approve, and watch the run proceed without a reload", async ({ page }) => {
  test.setTimeout(180_000);
  const runId = await startRun(page, await pinFreshCartProject(page), "Let shoppers remove an item from the cart");
  await page.goto(`/runs/${runId}`);
  await expect(state(page)).toHaveText("Awaiting approval", { timeout: 60_000 });
  const plan = page.getByTestId("plan");
  await expect(plan).toHaveAttribute("data-status", "proposed");
  await expect(plan).toContainText("Add removeItem to src/cart.js");
  // Inngest delivers the decision only once the pipeline waits for it; a person is slower.
  await page.waitForTimeout(1000);

  // The decision sits beside the state; Edit opens the editor in the plan's card, on its first field.
  await page.getByRole("button", { name: "Edit plan" }).click();
  const editor = page.getByTestId("plan-editor");
  await expect(editor.getByRole("textbox", { name: "Summary" })).toBeFocused();
  await editor
    .getByRole("textbox", { name: "Step 1", exact: true })
    .fill("Add removeItem(cart, sku) to src/cart.js, returning a new cart");
  // Reorder: the tests step goes first.
  await editor.getByRole("button", { name: "Move step 2 up" }).click();
  await expect(editor.getByRole("textbox", { name: "Step 1", exact: true })).toHaveValue(
    "Test it in test/cart.test.js",
  );
  await editor
    .getByRole("textbox", { name: "Check 1", exact: true })
    .fill("Removing an item drops only that item's line");
  await editor.getByRole("button", { name: "Remove check 3" }).click();
  await editor.getByRole("button", { name: "Add a check" }).click();
  await editor.getByRole("textbox", { name: "Check 3", exact: true }).fill("The cart total ignores removed items");
  await editor.getByRole("textbox", { name: "Check 3 test name (optional)" }).fill("total of an empty cart is zero");
  await page.getByRole("button", { name: "Approve edited plan" }).click();

  // The decision and every state after it arrive over the realtime sidecar.
  await expect(plan).toHaveAttribute("data-status", "approved");
  await expect(plan).toHaveAttribute("data-version", "3");
  // Versions are shown only because it was edited: the content's second version, and who decided it.
  await expect(plan.getByTestId("plan-edited")).toHaveText("edited · version 2");
  await expect(plan.getByTestId("plan-attribution")).toHaveText(/^Edited by .+ · Approved by .+$/);
  await expect(page.getByTestId("plan-steps").locator("li").first()).toContainText("Test it in test/cart.test.js");
  await expect(page.getByTestId("plan-steps")).toContainText(
    "Add removeItem(cart, sku) to src/cart.js, returning a new cart",
  );
  const checks = page.getByTestId("plan-checks").locator("li");
  await expect(checks).toHaveCount(3);
  await expect(checks.nth(0)).toContainText("Removing an item drops only that item's line");
  await expect(checks.nth(2)).toContainText("total of an empty cart is zero");
  await expect(state(page)).toHaveAttribute("data-state", /coding|pr_open|validating|ready/, { timeout: 60_000 });
  await expect(page.getByTestId("run-timeline")).toContainText("plan approved");
  await expect(state(page)).toHaveText("Ready to merge", { timeout: 120_000 });
});

test("reject a plan: a reason is required, and the run ends with it", async ({ page }) => {
  test.setTimeout(120_000);
  const runId = await startRun(page, await pinFreshCartProject(page), "Add setQuantity to the cart");
  await page.goto(`/runs/${runId}`);
  await expect(state(page)).toHaveText("Awaiting approval", { timeout: 60_000 });
  await page.waitForTimeout(1000);

  await page.getByRole("button", { name: "Reject plan…" }).click();
  const dialog = page.getByRole("dialog", { name: "Reject the plan" });
  await dialog.getByRole("button", { name: "Reject plan" }).click();
  // Nothing was sent: the dialog stays open, the run still waits.
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("Say why the plan is rejected")).toBeVisible();
  await expect(state(page)).toHaveText("Awaiting approval");

  await dialog.getByLabel("Reason (required)").fill("The cart module is imported by name elsewhere");
  await dialog.getByRole("button", { name: "Reject plan" }).click();
  await expect(dialog).toBeHidden();
  await expect(state(page)).toHaveText("Cancelled", { timeout: 30_000 });
  await expect(page.getByTestId("run-reason")).toHaveText(
    "Plan rejected: The cart module is imported by name elsewhere",
  );
  await expect(page.getByTestId("plan")).toHaveAttribute("data-status", "rejected");
  await expect(page.getByTestId("plan-reason")).toHaveText("The cart module is imported by name elsewhere");
  await expect(page.getByTestId("plan-attribution")).toHaveText(/^Rejected by /);
  await expect(page.getByTestId("plan-edited")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Approve plan" })).toHaveCount(0);
});
