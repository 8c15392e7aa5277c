import type { Locator, Page } from "@playwright/test";

/** The sign-in page as a person sees it. */
export class SignInPage {
  constructor(readonly page: Page) {}

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/signin?${new URLSearchParams({ callbackUrl })}` : "/signin");
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1, name: "Sign in" });
  }

  get error(): Locator {
    return this.page.getByTestId("sign-in-error");
  }

  async signIn(email: string, password: string) {
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in", exact: true }).click();
  }
}
