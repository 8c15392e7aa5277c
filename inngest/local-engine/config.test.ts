import path from "node:path";
import { describe, expect, it } from "vitest";
import { readEngineConfig } from "./config";

describe("readEngineConfig", () => {
  it("defaults to port 8288, .data/inngest, PGlite and the app on PORT", () => {
    expect(readEngineConfig({})).toEqual({
      port: 8288,
      dataDir: path.resolve(".data", "inngest"),
      databaseUrl: undefined,
      appUrls: ["http://127.0.0.1:3000/api/inngest"],
      logLevel: "info",
      retryBaseMs: 5000,
    });
  });

  it("reads every setting, treating empty values as unset", () => {
    const config = readEngineConfig({
      INNGEST_PORT: "9000",
      PORT: "4000",
      MERGELINE_DATA_DIR: "/tmp/mergeline",
      DATABASE_URL: "postgres://u:p@127.0.0.1:5432/db",
      INNGEST_APP_URLS: "http://127.0.0.1:4000/api/inngest, http://127.0.0.1:5000/api/inngest",
      LOG_LEVEL: "",
      INNGEST_RETRY_BASE_MS: "250",
    });
    expect(config).toEqual({
      port: 9000,
      dataDir: "/tmp/mergeline/inngest",
      databaseUrl: "postgres://u:p@127.0.0.1:5432/db",
      appUrls: ["http://127.0.0.1:4000/api/inngest", "http://127.0.0.1:5000/api/inngest"],
      logLevel: "info",
      retryBaseMs: 250,
    });
  });

  it("rejects bad values with a message naming each variable", () => {
    expect(() =>
      readEngineConfig({ INNGEST_PORT: "http", DATABASE_URL: "mysql://x", INNGEST_APP_URLS: "ftp://x" }),
    ).toThrow(/INNGEST_PORT[\s\S]*DATABASE_URL: expected a postgres/);
    expect(() => readEngineConfig({ INNGEST_APP_URLS: "not a url" })).toThrow(
      /INNGEST_APP_URLS: "not a url" is not an http\(s\) URL/,
    );
  });
});
