import path from "node:path";
import { describe, expect, it } from "vitest";
import { readEngineConfig } from "./config";

const keys = { INNGEST_EVENT_KEY: "e".repeat(32), INNGEST_SIGNING_KEY: `signkey-local-${"ab".repeat(32)}` };

describe("readEngineConfig", () => {
  it("defaults to loopback port 8288, .data/inngest, PGlite and the app on PORT", () => {
    expect(readEngineConfig(keys)).toEqual({
      port: 8288,
      host: "127.0.0.1",
      dataDir: path.resolve(".data", "inngest"),
      databaseUrl: undefined,
      appUrls: ["http://127.0.0.1:3000/api/inngest"],
      logLevel: "info",
      retryBaseMs: 5000,
      auth: { eventKey: keys.INNGEST_EVENT_KEY, signingKey: keys.INNGEST_SIGNING_KEY },
      appUnreachableMs: 30 * 60_000,
    });
  });

  it("reads every setting, treating empty values as unset", () => {
    const config = readEngineConfig({
      ...keys,
      INNGEST_PORT: "9000",
      INNGEST_HOST: "0.0.0.0",
      PORT: "4000",
      MERGELINE_DATA_DIR: "/tmp/mergeline",
      DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db",
      INNGEST_APP_URLS: "http://127.0.0.1:4000/api/inngest, http://127.0.0.1:5000/api/inngest",
      LOG_LEVEL: "",
      INNGEST_RETRY_BASE_MS: "250",
      MERGELINE_APP_UNREACHABLE_MINUTES: "0.5",
    });
    expect(config).toMatchObject({
      port: 9000,
      host: "0.0.0.0",
      dataDir: "/tmp/mergeline/inngest",
      databaseUrl: "postgres://u:p@127.0.0.1:5432/db",
      appUrls: ["http://127.0.0.1:4000/api/inngest", "http://127.0.0.1:5000/api/inngest"],
      logLevel: "info",
      retryBaseMs: 250,
      appUnreachableMs: 30_000,
    });
  });

  it("needs both keys unless a person asks for an open dev engine (INNGEST_DEV)", () => {
    expect(() => readEngineConfig({})).toThrow(/INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY: both required/);
    expect(() => readEngineConfig({ INNGEST_EVENT_KEY: keys.INNGEST_EVENT_KEY })).toThrow(/both required/);
    expect(readEngineConfig({ INNGEST_DEV: "1" }).auth).toBeNull();
    expect(() => readEngineConfig({ INNGEST_DEV: "0" })).toThrow(/both required/);
    // Keys given are enforced even in dev mode.
    expect(readEngineConfig({ ...keys, INNGEST_DEV: "1" }).auth).not.toBeNull();
  });

  it("rejects bad values with a message naming each variable", () => {
    expect(() =>
      readEngineConfig({ ...keys, INNGEST_PORT: "http", DATABASE_URL: "mysql://x", INNGEST_APP_URLS: "ftp://x" }),
    ).toThrow(/INNGEST_PORT[\s\S]*DATABASE_URL: expected a postgres/);
    expect(() => readEngineConfig({ ...keys, INNGEST_APP_URLS: "not a url" })).toThrow(
      /INNGEST_APP_URLS: "not a url" is not an http\(s\) URL/,
    );
    expect(() => readEngineConfig({ ...keys, INNGEST_SIGNING_KEY: "signkey-prod-not-hex" })).toThrow(
      /INNGEST_SIGNING_KEY: expected signkey-<env>-<hex>/,
    );
    expect(() => readEngineConfig({ ...keys, MERGELINE_APP_UNREACHABLE_MINUTES: "-1" })).toThrow(
      /MERGELINE_APP_UNREACHABLE_MINUTES/,
    );
  });
});
