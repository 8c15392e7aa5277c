import type { Locator, Page } from "@playwright/test";

/** The members settings page as an admin sees it. */
export class MembersPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await this.page.getByRole("button", { name: "Account" }).click();
    await this.page.getByRole("menuitem", { name: "Members" }).click();
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: "Members" });
  }

  row(text: string): Locator {
    return this.page.getByTestId("member-row").filter({ hasText: text });
  }

  /** Invites the address with the role and returns the link, shown this once. */
  async invite(email: string, role: "admin" | "member" | "viewer"): Promise<string> {
    await this.page.getByRole("button", { name: "Invite member" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Invite a member" });
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByRole("combobox", { name: "Role" }).click();
    await this.page.getByRole("option", { name: role, exact: true }).click();
    await dialog.getByRole("button", { name: "Create invitation" }).click();
    const url = await dialog.getByTestId("invitation-url").inputValue();
    await dialog.getByRole("button", { name: "Done" }).click();
    return url;
  }

  async setRole(who: string, role: "admin" | "member" | "viewer") {
    await this.page.getByRole("combobox", { name: `Role of ${who}` }).click();
    await this.page.getByRole("option", { name: role, exact: true }).click();
  }

  async remove(who: string) {
    await this.page.getByRole("button", { name: `Remove ${who}` }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: "Remove" }).click();
  }
}
