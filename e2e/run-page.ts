import { expect, type Locator, type Page } from "@playwright/test";

/** A run's page as a person sees it. */
export class RunPage {
  constructor(readonly page: Page) {}

  get state(): Locator {
    return this.page.getByTestId("run-state");
  }

  async expectState(label: string, timeout = 60_000) {
    await expect(this.state).toHaveText(label, { timeout });
  }

  approvePlan() {
    return this.page.getByRole("button", { name: "Approve plan" }).click();
  }

  merge() {
    return this.page.getByRole("button", { name: "Merge" }).click();
  }
}
