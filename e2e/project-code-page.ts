import { expect, type Locator, type Page } from "@playwright/test";

/** A project's page as far as its code goes: the index card, code search, the file view, the chat panel. */
export class ProjectCodePage {
  constructor(
    readonly page: Page,
    readonly projectId: string,
  ) {}

  async goto() {
    await this.page.goto(`/projects/${this.projectId}`);
  }

  get indexState(): Locator {
    return this.page.getByTestId("code-index-state");
  }

  async waitUntilIndexed() {
    // The sync runs in the engine after pinning; the card follows it live.
    await expect(this.indexState).toHaveText("Indexed", { timeout: 90_000 });
  }

  async searchCode(query: string) {
    await this.page.goto(`/projects/${this.projectId}/code`);
    await this.page.getByRole("searchbox", { name: "Search code" }).fill(query);
    await this.page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(this.page).toHaveURL(/[?&]q=/);
    return this.page.getByRole("list", { name: "Search results" });
  }

  get chat(): Locator {
    return this.page.getByRole("region", { name: "Ask about this project" });
  }

  async ask(question: string) {
    await this.chat.getByRole("textbox", { name: /Ask about the code/ }).fill(question);
    await this.chat.getByRole("button", { name: "Ask", exact: true }).click();
  }

  get answers(): Locator {
    return this.chat.getByTestId("chat-answer");
  }

  get highlightedLines(): Locator {
    return this.page.getByTestId("file-view").locator("[data-highlighted]");
  }
}
