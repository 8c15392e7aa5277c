import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setDatabaseHandle } from "@/db";
import type { DatabaseHandle } from "@/db/client";
import { createTestDatabase } from "@/testing/database";

// The real Auth.js route (app/api/auth/[...nextauth]) behind a real HTTP server, driven the
// way a browser drives it: CSRF token and cookie first, then the sign-in form's POST. The
// one-time link's confirmation (app/signin/one-time/confirm) is served beside it: the
// session it makes must be one Auth.js reads back.
process.env.AUTH_SECRET ??= "test-secret-for-the-auth-routes-0123456789";
const { GET, POST } = await import("@/app/api/auth/[...nextauth]/route");
const { POST: confirmOneTimeLink } = await import("@/app/signin/one-time/confirm/route");
const { ensureFirstAdmin } = await import("@/lib/teams/ensure-first-admin");

let handle: DatabaseHandle;
let server: Server;
let base: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  setDatabaseHandle(handle);
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers(
      Object.entries(req.headers).flatMap(([name, value]) =>
        typeof value === "string" ? [[name, value] as [string, string]] : [],
      ),
    );
    const request = new NextRequest(new URL(req.url!, base), {
      method: req.method,
      headers,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const response = req.url!.startsWith("/signin/one-time/confirm")
      ? await confirmOneTimeLink(request)
      : await (req.method === "POST" ? POST : GET)(request);
    res.writeHead(
      response.status,
      [...response.headers]
        .flatMap(([name, value]) => (name === "set-cookie" ? [] : [[name, value]]))
        .concat(response.headers.getSetCookie().map((cookie) => ["set-cookie", cookie]))
        .flat(),
    );
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await handle.close();
});

/** A cookie jar of name=value pairs, as a browser keeps them. */
class Browser {
  cookies = new Map<string, string>();
  private remember(response: Response) {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair!.split("=");
      if (value.join("=")) this.cookies.set(name!, value.join("="));
      else this.cookies.delete(name!);
    }
  }
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const response = await fetch(`${base}${path}`, {
      ...init,
      redirect: "manual",
      headers: { ...init.headers, cookie },
    });
    this.remember(response);
    return response;
  }
  async signIn(provider: string, fields: Record<string, string>): Promise<Response> {
    const { csrfToken } = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const body = new URLSearchParams({ ...fields, csrfToken, callbackUrl: "/" });
    return this.fetch(`/api/auth/callback/${provider}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
  }
  async sessionUserId(): Promise<string | undefined> {
    const session = (await (await this.fetch("/api/auth/session")).json()) as { user?: { id?: string } } | null;
    return session?.user?.id;
  }
}

describe("the Auth.js route", () => {
  it("signs in once with the first admin's one-time link, confirmed on its page, and refuses it the second time", async () => {
    const admin = (await ensureFirstAdmin({ db: handle.db }))!;
    const token = admin.oneTimeLogin!.token;
    const confirm = (browser: Browser, headers: Record<string, string> = {}) =>
      browser.fetch("/signin/one-time/confirm", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams({ token }),
      });

    // Another site posting the form is refused and spends nothing, whichever way the browser says it.
    const forged = await confirm(new Browser(), { origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    const forgedToo = await confirm(new Browser(), { origin: "null", "sec-fetch-site": "cross-site" });
    expect(forgedToo.status).toBe(403);

    // A confirmation whose answer is lost on its way back (the browser never gets the cookie) spends nothing.
    const lost = await confirm(new Browser(), { origin: base });
    expect(lost.status).toBe(303);

    // The link's page hides its origin (no-referrer): Chromium sends "Origin: null" and says same-origin.
    const first = new Browser();
    const response = await confirm(first, { origin: "null", "sec-fetch-site": "same-origin" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    expect(response.headers.getSetCookie()[0]).toMatch(
      /^authjs\.session-token=[A-Za-z0-9_-]{43}; Path=\/; Expires=.*; HttpOnly; SameSite=lax$/i,
    );
    expect(await first.sessionUserId()).toBe(admin.user.id);

    const second = new Browser();
    const again = await confirm(second);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`/signin/one-time?${new URLSearchParams({ token })}`);
    expect(second.cookies.has("authjs.session-token")).toBe(false);
    expect(await second.sessionUserId()).toBeUndefined();
  });

  it("signs in with email and password, and answers a wrong password and an unknown email alike", async () => {
    const { hashPassword } = await import("@/lib/auth/password");
    const { insertUserIfAbsent } = await import("@/db/queries/users");
    const user = (await insertUserIfAbsent({
      db: handle.db,
      values: { email: "dev@example.com", passwordHash: await hashPassword("the right password") },
    }))!;

    const right = new Browser();
    expect(
      (await right.signIn("password", { email: "DEV@example.com", password: "the right password" })).headers.get(
        "location",
      ),
    ).toBe(`${base}/`);
    expect(await right.sessionUserId()).toBe(user.id);

    const wrong = await new Browser().signIn("password", { email: "dev@example.com", password: "the wrong password" });
    const unknown = await new Browser().signIn("password", {
      email: "nobody@example.com",
      password: "the right password",
    });
    expect(wrong.headers.get("location")).toBe(`${base}/signin?error=CredentialsSignin&code=credentials`);
    expect(unknown.headers.get("location")).toBe(wrong.headers.get("location"));
  });

  it("refuses password attempts past the limit, before checking the password", async () => {
    const { SIGN_IN_ATTEMPTS_PER_ADDRESS_AND_ACCOUNT } = await import("@/lib/auth/limit-sign-in-attempts");
    const guess = () => new Browser().signIn("password", { email: "target@example.com", password: "a guess" });
    for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_ADDRESS_AND_ACCOUNT; i++)
      expect((await guess()).headers.get("location")).toContain("code=credentials");
    expect((await guess()).headers.get("location")).toBe(
      `${base}/signin?error=CredentialsSignin&code=too_many_attempts`,
    );
  });

  it("refuses a sign-in POST without the CSRF token", async () => {
    const admin = await ensureFirstAdmin({ db: handle.db });
    expect(admin).toBeNull();
    const browser = new Browser();
    const response = await browser.fetch("/api/auth/callback/password", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "dev@example.com", password: "the right password" }),
    });
    expect(response.headers.get("location")).toContain("error=MissingCSRF");
    expect(browser.cookies.has("authjs.session-token")).toBe(false);
  });

  it("keeps every session as a database row: signing out or deleting the row ends it", async () => {
    const { eq } = await import("drizzle-orm");
    const { sessions } = await import("@/db/schema");
    const { hashPassword } = await import("@/lib/auth/password");
    const { insertUserIfAbsent } = await import("@/db/queries/users");
    const { deleteSessionsOfUser } = await import("@/db/queries/sessions");
    const user = (await insertUserIfAbsent({
      db: handle.db,
      values: { email: "rows@example.com", passwordHash: await hashPassword("pw for rows") },
    }))!;
    const rowsOf = () => handle.db.select().from(sessions).where(eq(sessions.userId, user.id));

    const laptop = new Browser();
    const phone = new Browser();
    await laptop.signIn("password", { email: "rows@example.com", password: "pw for rows" });
    await phone.signIn("password", { email: "rows@example.com", password: "pw for rows" });
    const rows = await rowsOf();
    expect(rows).toHaveLength(2);
    // The cookie is an opaque token; the row keeps only its hash.
    const cookie = laptop.cookies.get("authjs.session-token")!;
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rows.map((row) => row.sessionToken)).not.toContain(cookie);

    // Signing out on the laptop ends that session only.
    const { csrfToken } = (await (await laptop.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await laptop.fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken }),
    });
    expect(await rowsOf()).toHaveLength(1);
    expect(
      await new Browser()
        .fetch("/api/auth/session", { headers: { cookie: `authjs.session-token=${cookie}` } })
        .then((r) => r.json()),
    ).toBeNull();
    expect(await phone.sessionUserId()).toBe(user.id);

    // "Sign out everywhere" deletes the rows: the phone's cookie stops working at once.
    expect(await deleteSessionsOfUser({ db: handle.db, userId: user.id })).toBe(1);
    expect(await phone.sessionUserId()).toBeUndefined();
  });
});
