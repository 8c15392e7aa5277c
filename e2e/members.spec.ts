import { type Browser, expect, type Page, test } from "@playwright/test";
import { MembersPage } from "./members-page";
import { SignInPage } from "./sign-in-page";

// Signed in as the admin: an invitation link brings a new person in (they create their
// account on it), the admin changes their role, then removes them, which signs them out.

const password = "a long enough password";
const signedOut = { cookies: [], origins: [] };

/** Opens the invitation in a browser of the invited person's own and creates their account. */
async function join(browser: Browser, baseURL: string, url: string, name: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: signedOut });
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByRole("heading", { level: 1, name: /^Join / })).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Choose a password").fill(password);
  await page.getByRole("button", { name: "Create account and join" }).click();
  // Creating the account hashes a password (scrypt), which takes a moment on a busy machine.
  await expect(page).toHaveURL(`${baseURL}/`, { timeout: 30_000 });
  await expect(page.getByTestId("no-team")).toHaveCount(0);
  return page;
}

const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}@example.test`;

test("an admin invites a person, changes their role and removes them", async ({ page, browser, baseURL }) => {
  const members = new MembersPage(page);
  await members.open();
  await expect(members.heading).toBeVisible();
  await expect(members.row("(you)")).toContainText("admin");

  const email = uniqueEmail("newcomer");
  const url = await members.invite(email, "viewer");
  expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toContainText("viewer");
  const newcomer = await join(browser, baseURL!, url, "Newcomer");

  // The link works once.
  const again = await (await browser.newContext({ baseURL, storageState: signedOut })).newPage();
  await again.goto(url);
  await expect(again.getByTestId("invitation-closed")).toContainText("used already");

  await page.reload();
  await expect(members.row("Newcomer")).toContainText("viewer");
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toHaveCount(0);
  await members.setRole("Newcomer", "member");
  await page.reload();
  await expect(members.row("Newcomer").getByRole("combobox")).toHaveText("member");

  await members.remove("Newcomer");
  await expect(members.row("Newcomer")).toHaveCount(0);
  // With no team left they are signed out everywhere: their next page asks them to sign in.
  await newcomer.goto("/");
  await expect(newcomer).toHaveURL(/\/signin/);
});

test("signing out everywhere ends the sessions of every browser", async ({ page, browser, baseURL }) => {
  const members = new MembersPage(page);
  await members.open();
  const email = uniqueEmail("traveller");
  const laptop = await join(browser, baseURL!, await members.invite(email, "member"), "Traveller");
  const phone = await (await browser.newContext({ baseURL, storageState: signedOut })).newPage();
  const signIn = new SignInPage(phone);
  await signIn.goto();
  await signIn.signIn(email, password);
  await expect(phone).toHaveURL(`${baseURL}/`, { timeout: 30_000 });

  await laptop.getByRole("button", { name: "Account" }).click();
  await laptop.getByRole("menuitem", { name: "Sign out everywhere" }).click();
  await laptop.waitForURL(/\/signin/);
  // The phone still has its cookie, but the session behind it is gone.
  expect((await phone.context().cookies()).map((cookie) => cookie.name)).toContain("authjs.session-token");
  await phone.goto("/");
  await expect(phone).toHaveURL(/\/signin/);
});
