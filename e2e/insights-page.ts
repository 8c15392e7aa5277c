import type { Locator, Page } from "@playwright/test";

/** The insights page. */
export class InsightsPage {
  constructor(readonly page: Page) {}

  async open(query = "") {
    await this.page.goto(`/insights${query}`);
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  kpi(label: string): Locator {
    return this.page.locator(`[data-testid="insight-kpi"][data-label="${label}"]`).getByTestId("insight-value");
  }

  chart(name: "outcomes" | "rates" | "durations" | "validation"): Locator {
    return this.page.getByTestId(`chart-${name}`);
  }
}
