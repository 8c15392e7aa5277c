import { expect, test } from "@playwright/test";
import { pinFreshCartProject } from "./fresh-cart-project";
import { ProjectCodePage } from "./project-code-page";

// The code index as people use it, on the real product with the scripted model: a pinned
// repository gets indexed on its own (the card follows it live), code search links to the
// file view at the indexed line, and the chat answers with citations that open the code,
// keeps the conversation, and turns it into a run with "Do it".

test("a pinned repository is indexed, searched, and asked about in the chat", async ({ page }) => {
  test.setTimeout(180_000);
  const projectId = await pinFreshCartProject(page);
  const project = new ProjectCodePage(page, projectId);
  await project.goto();
  await project.waitUntilIndexed();
  await expect(page.getByTestId("code-index-summary")).toContainText(
    /main at [0-9a-f]{10} · \d+ files · \d+ symbols · Lexical search/,
  );

  // Code search: the function ranks with its lines; its link opens the file there.
  const results = await project.searchCode("cart total");
  const hit = results.getByRole("link", { name: "src/cart.js:12-16" });
  await expect(hit).toBeVisible();
  await expect(results.locator("mark").first()).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(/\/code\/file\?path=src%2Fcart\.js&commit=[0-9a-f]{40}&line=12&end=16#L12$/);
  await expect(project.highlightedLines).toHaveCount(5);
  await expect(project.highlightedLines.first()).toContainText("export function total(cart, discountPercent = 0)");

  // Chat: the answer streams in after a code search, citing lines that are links.
  await project.goto();
  await project.ask("How is the cart's total computed?");
  const answer = project.answers.last();
  await expect(answer.getByText(/search_code/)).toBeVisible({ timeout: 30_000 });
  await expect(answer).toContainText("The cart's total is computed by", { timeout: 30_000 });
  const citation = answer.getByRole("link", { name: "src/cart.js:12-16" });
  await citation.click();
  await expect(page).toHaveURL(/\/code\/file\?path=src%2Fcart\.js&commit=[0-9a-f]{40}&line=12&end=16#L12$/);
  await expect(project.highlightedLines.first()).toContainText("export function total");

  // The conversation is kept: after a reload it is there to open again.
  await project.goto();
  await project.chat.getByRole("combobox", { name: "Conversation" }).click();
  await page.getByRole("option", { name: "How is the cart's total computed?" }).click();
  await expect(project.answers).toHaveCount(1);
  await expect(project.answers.first().getByRole("link", { name: "src/cart.js:12-16" })).toBeVisible();

  // Do it: the conversation becomes a run.
  await project.chat.getByRole("button", { name: "Do it" }).click();
  const dialog = page.getByRole("dialog", { name: "Start a run from this conversation" });
  await expect(dialog.getByRole("textbox", { name: "Goal" })).toHaveValue("How is the cart's total computed?");
  await dialog.getByRole("textbox", { name: "Goal" }).fill("Show how many items are in the cart on the cart page");
  await dialog.getByRole("button", { name: "Start the run" }).click();
  const started = project.chat.getByRole("alert").filter({ hasText: "This conversation became a run" });
  await expect(started).toBeVisible();
  await started.getByRole("link", { name: "open it" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Show how many items are in the cart on the cart page").first()).toBeVisible();
});
