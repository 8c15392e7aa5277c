import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Team, User } from "@/db/schema";
import { createLogger } from "@/lib/platform/logger";
import { announceFirstAdmin } from "./announce-first-admin";

function sink() {
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        stream.text += String(chunk);
        done();
      },
    }),
    { text: "" },
  );
  return stream;
}

const user = { id: "u1", email: "admin@mergeline.local" } as User;
const team = { id: "t1", name: "Default team" } as Team;
const token = `${"Tk".repeat(21)}x`;

describe("announceFirstAdmin", () => {
  it("prints the one-time link on stdout and logs the admin without it", () => {
    const log = sink();
    const out = sink();
    const logger = createLogger(log);
    logger.level = "info";
    announceFirstAdmin({
      admin: { user, team, oneTimeLogin: { token, expiresAt: new Date("2030-01-02T00:00:00Z") } },
      baseUrl: "http://127.0.0.1:3000",
      logger,
      out,
    });
    expect(out.text).toContain(`http://127.0.0.1:3000/signin/one-time?token=${token}`);
    expect(out.text).toContain("2030-01-02T00:00:00.000Z");
    expect(JSON.parse(log.text)).toMatchObject({
      msg: "first admin created",
      userId: "u1",
      email: "admin@mergeline.local",
    });
    expect(log.text).not.toContain(token);
  });

  it("prints nothing when the admin has a password", () => {
    const out = sink();
    announceFirstAdmin({
      admin: { user, team, oneTimeLogin: null },
      baseUrl: "http://127.0.0.1:3000",
      logger: createLogger(sink()),
      out,
    });
    expect(out.text).toBe("");
  });
});
