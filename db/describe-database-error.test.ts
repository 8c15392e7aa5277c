import { describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { describeDatabaseError } from "./describe-database-error";
import { migrateDatabase } from "./migrate";

// The errors are the real ones: postgres.js connecting to a port nobody listens on and to a
// host name that does not resolve, wrapped by drizzle as the migrate step sees them.
async function failureOf(url: string): Promise<unknown> {
  const handle = openDatabase({ url, max: 1 });
  try {
    await migrateDatabase(handle);
    return null;
  } catch (error) {
    return error;
  } finally {
    await handle.close();
  }
}

describe("describeDatabaseError", () => {
  it("names the host, the port and the system error of a database nobody listens for, never the password", async () => {
    const url = "postgres://mergeline:s3cret@127.0.0.1:9/mergeline";
    const error = await failureOf(url);
    expect(String((error as Error).message)).toMatch(/^Failed query: select pg_advisory_lock/);
    const message = describeDatabaseError(error, url);
    expect(message).toBe(
      "Cannot reach the database at 127.0.0.1:9 (mergeline): connect ECONNREFUSED 127.0.0.1:9: nothing listens there (is Postgres running, on that port?).",
    );
    expect(message).not.toContain("s3cret");
  });

  it("says when the host name does not resolve", async () => {
    const url = "postgres://u:p@no-such-host.invalid:5433/db";
    expect(describeDatabaseError(await failureOf(url), url)).toMatch(
      /^Cannot reach the database at no-such-host\.invalid:5433 \(db\): getaddrinfo (ENOTFOUND|EAI_AGAIN) no-such-host\.invalid/,
    );
  });

  it("explains Postgres's refusals, and leaves other errors alone", () => {
    const refused = Object.assign(new Error('password authentication failed for user "u"'), { code: "28P01" });
    expect(
      describeDatabaseError(new Error("Failed query: select 1", { cause: refused }), "postgres://u:p@db:5432/x"),
    ).toBe(
      'The database at db:5432 (x) refused the connection: password authentication failed for user "u" (28P01): the password was refused; check the user and password in DATABASE_URL.',
    );
    expect(describeDatabaseError(new Error("syntax error"), "postgres://u:p@db/x")).toBeNull();
    expect(describeDatabaseError(refused, undefined)).toBeNull();
  });
});
