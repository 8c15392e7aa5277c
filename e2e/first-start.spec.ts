import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { type FirstStartProduct, startFirstStartProduct } from "./first-start-product";
import { SignInPage } from "./sign-in-page";

// A newcomer's first hour, on a Mergeline of its own started as they would start it (`npm
// start`, nothing configured, a new data dir): what the first start prints, the one-time
// link it prints (which survives a reload and an abort), a password set on the account page
// and used, a new link while it runs, and the demo's scripted tasks each merged from the
// dashboard, where any other goal is refused.

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.MERGELINE_E2E_PORT ?? "3400") + 10;
const adminEmail = "admin@mergeline.local";
const newPassword = "a newcomer's own passphrase";

test.describe.configure({ mode: "serial" });
test.use({ storageState: { cookies: [], origins: [] } });

let product: FirstStartProduct;
let link: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  product = await startFirstStartProduct({ port });
});
test.afterAll(async () => {
  // SIGTERM stops every process it started, and the launcher with them.
  if (product) expect(await product.stop()).toBe(0);
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: product.url, storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

test("the first start prints its phases and one block with the address, the sign-in link and how to stop, in under 60 lines", () => {
  const lines = product.output();
  expect(lines.length).toBeLessThan(60);
  for (const phase of ["Install", "Build", "Database", "Demo", "Processes"])
    expect(lines.some((line) => new RegExp(`✓ ${phase} `).test(line))).toBe(true);
  const ready = lines.findIndex((line) => line.includes(`Mergeline is ready at ${product.url}`));
  expect(ready).toBeGreaterThan(0);
  const block = lines.slice(ready).join("\n");
  link = /Sign in +(http:\/\/\S+\/signin\/one-time\?token=[A-Za-z0-9_-]{43})/.exec(block)?.[1] ?? "";
  expect(link.startsWith(`${product.url}/signin/one-time?token=`)).toBe(true);
  expect(block).toContain(`as ${adminEmail}: works once`);
  expect(block).toContain(`Logs      ${path.join(product.dataDir, "logs", "mergeline.log")}`);
  expect(block).toMatch(/Stop {6}Ctrl-C here, or kill -TERM \d+/);
  // The processes' own logs are in the file, not here.
  expect(lines.some((line) => line.startsWith("{"))).toBe(false);
});

test("the one-time link survives a reload and an abort mid-way, then signs in once", async ({ browser }) => {
  const page = await newPage(browser);
  const confirm = page.getByRole("button", { name: `Sign in as ${adminEmail}` });
  await page.goto(link);
  await expect(confirm).toBeVisible();
  await page.reload();
  await expect(confirm).toBeVisible();

  // Leaving while the page loads, and again after it loaded: nothing is spent.
  await page.goto(link, { waitUntil: "commit" });
  await page.goto("/signin");
  await page.goto(link);
  await expect(confirm).toBeVisible();

  // The confirmation aborted on its way (the tab closed, the network dropped), before the
  // product had it, and after: the product answered, the browser never got the answer.
  await page.route("**/signin/one-time/confirm", (route) => route.abort("connectionreset"));
  await confirm.click().catch(() => {});
  await page.unroute("**/signin/one-time/confirm");
  await page.goto(link);
  await expect(confirm).toBeVisible();
  let answered = 0;
  await page.route("**/signin/one-time/confirm", async (route) => {
    // Sent on as the browser sends it: Chromium adds Sec-Fetch-Site (which the product
    // checks) after interception, so the form's own page being same-origin is said here.
    const headers = { ...(await route.request().allHeaders()), "sec-fetch-site": "same-origin" };
    answered = (await route.fetch({ maxRedirects: 0, headers })).status();
    // Playwright's fetch keeps the answer's cookie in the context; the browser never got it.
    await page.context().clearCookies();
    await route.abort("connectionreset");
  });
  await confirm.click().catch(() => {});
  await expect.poll(() => answered).toBe(303);
  await page.unroute("**/signin/one-time/confirm");
  await page.goto(link);
  await expect(confirm).toBeVisible();

  await confirm.click();
  await page.waitForURL(`${product.url}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();

  // Used once: its page says so, and how to get back in.
  await page.goto(link);
  // (Next's route announcer is an empty alert of its own after a client-side navigation.)
  const used = page.getByRole("alert").filter({ hasText: "sign-in link" });
  await expect(used).toContainText("This sign-in link was used on");
  await expect(used).toContainText(`You are signed in as ${adminEmail}`);
  await expect(used).toContainText("npm run auth:sign-in-link");
  await page.context().close();
});

test("a password set on the account page signs in after signing out", async ({ browser }) => {
  const page = await newPage(browser);
  // The link is spent: a new one from the CLI, asked of the running product (next test too).
  await page.goto(await newLinkFromCli());
  await page.getByRole("button", { name: `Sign in as ${adminEmail}` }).click();
  await page.waitForURL(`${product.url}/`);

  await page.getByRole("button", { name: "Account" }).click();
  await page.getByRole("menuitem", { name: "Account and password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.getByText("You have no password yet")).toBeVisible();
  // A mismatch is named on its field, which gets the focus.
  await page.getByRole("textbox", { name: "New password", exact: true }).fill(newPassword);
  await page.getByRole("textbox", { name: "New password, again" }).fill("something else entirely");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("The two new passwords are not the same.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "New password, again" })).toBeFocused();
  await page.getByRole("textbox", { name: "New password", exact: true }).fill(newPassword);
  await page.getByRole("textbox", { name: "New password, again" }).fill(newPassword);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByTestId("password-saved")).toContainText("Your password is set.");

  await page.getByRole("button", { name: "Account" }).click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/signin/);
  const signIn = new SignInPage(page);
  await signIn.signIn(adminEmail, newPassword);
  await page.waitForURL(`${product.url}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Projects" })).toBeVisible();
  await page.context().close();
});

/** `npm run auth:sign-in-link` on the product's data dir, with no port given: the running app answers. */
async function newLinkFromCli(): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/sign-in-link.ts"], {
    cwd: root,
    env: { PATH: process.env.PATH, MERGELINE_DATA_DIR: product.dataDir, LOG_LEVEL: "silent" },
    timeout: 60_000,
  });
  const found = /(http:\/\/\S+\/signin\/one-time\?token=[A-Za-z0-9_-]{43})/.exec(stdout)?.[1];
  expect(found, stdout).toBeDefined();
  // The product's own port, not the default 3000 the CLI's environment would give.
  expect(found!.startsWith(`${product.url}/signin/one-time?token=`)).toBe(true);
  return found!;
}

test("a new link while Mergeline runs carries the product's real address and signs in", async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(await newLinkFromCli());
  await page.getByRole("button", { name: `Sign in as ${adminEmail}` }).click();
  await page.waitForURL(`${product.url}/`);
  await page.context().close();
});

test("every demo task reaches merged from the dashboard, and any other goal is refused saying how to get a real model", async ({
  browser,
}) => {
  test.setTimeout(900_000);
  const page = await newPage(browser);
  await page.goto("/signin");
  await new SignInPage(page).signIn(adminEmail, newPassword);
  await page.waitForURL(`${product.url}/`);
  const card = page.getByRole("article", { name: "demo-cart" });
  const dialog = page.getByRole("dialog", { name: "Start a run on demo-cart" });
  const openDialog = async () => {
    await page.goto("/");
    await card.getByRole("button", { name: "Start a run" }).click();
    await expect(dialog.getByTestId("scripted-tasks")).toBeVisible();
  };

  // Any other goal: refused at once, on the goal field, nothing started.
  await openDialog();
  await dialog.getByLabel("Goal").fill("clearCart()");
  await dialog.getByRole("button", { name: "Start" }).click();
  const goalError = dialog.getByText(/only plays the tasks it has scripts for/);
  await expect(goalError).toBeVisible();
  await expect(goalError).toContainText("OPENAI_API_KEY");
  await expect(page).toHaveURL(`${product.url}/`);

  const titles = await dialog
    .getByRole("radio")
    .evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value));
  expect(titles).toHaveLength(3);
  const tasks = ["Add removeItem", "Add setQuantity", "Show the item count on the cart page"];
  for (const task of tasks) {
    await openDialog();
    await dialog.getByRole("radio", { name: new RegExp(`^${task}`) }).check();
    await dialog.getByLabel("Approve the plan automatically").check();
    await dialog.getByRole("button", { name: "Start" }).click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const runId = page.url().split("/").at(-1)!;
    const state = async () =>
      ((await (await page.request.get(`/api/v1/runs/${runId}`)).json()) as { state: string }).state;
    await expect.poll(state, { timeout: 300_000, intervals: [2000] }).toBe("ready");
    const merge = await page.request.post(`/api/v1/runs/${runId}/merge`, { data: {} });
    expect(merge.status(), await merge.text()).toBeLessThan(300);
    await expect.poll(state, { timeout: 120_000, intervals: [1000] }).toBe("merged");
  }

  // A task already merged says so instead of failing its attempts.
  await openDialog();
  await dialog.getByRole("radio", { name: /^Add removeItem/ }).check();
  await dialog.getByRole("button", { name: "Start" }).click();
  await expect(dialog.getByText(/"Add removeItem" is already done on main/)).toBeVisible();
  await page.context().close();
});
