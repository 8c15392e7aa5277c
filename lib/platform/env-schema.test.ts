import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env-schema";

describe("parseEnv", () => {
  it("fills the embedded defaults", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      REALTIME_PORT: 3001,
      INNGEST_PORT: 8288,
      MERGELINE_DATA_DIR: ".data",
      MERGELINE_MODEL: "scripted",
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.dataDir).toBe(path.resolve(".data"));
  });

  it("treats an empty value as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("names the variable and what is expected", () => {
    expect(() => parseEnv({ DATABASE_URL: "not-a-url" })).toThrowError(
      /DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL \(got "not-a-url"\)/,
    );
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/db" })).toThrowError(/DATABASE_URL/);
    expect(() => parseEnv({ PORT: "70000" })).toThrowError(/PORT/);
    expect(() => parseEnv({ MERGELINE_MODEL: "gpt" })).toThrowError(/MERGELINE_MODEL: expected provider:model/);
  });

  it("reports every wrong variable at once", () => {
    try {
      parseEnv({ PORT: "x", REALTIME_PORT: "0", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      expect((error as EnvError).issues.map((issue) => issue.split(":")[0])).toEqual([
        "PORT",
        "REALTIME_PORT",
        "LOG_LEVEL",
      ]);
    }
  });

  it("never echoes a secret's value", () => {
    expect(() => parseEnv({ REALTIME_SECRET: "short-secret-value" })).toThrowError(
      /^(?![\s\S]*short-secret-value)[\s\S]*REALTIME_SECRET/,
    );
  });

  it("accepts a Postgres URL", () => {
    expect(parseEnv({ DATABASE_URL: "postgres://user:pw@127.0.0.1:5432/mergeline" }).DATABASE_URL).toContain(
      "127.0.0.1",
    );
  });
});
