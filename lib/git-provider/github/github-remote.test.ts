import { describe, expect, it } from "vitest";
import { gitAuthEnv, githubRemote } from "./github-remote";

describe("githubRemote", () => {
  it("serves github.com repositories from api.github.com, and Enterprise ones from their host", () => {
    expect(githubRemote("https://api.github.com", "acme/shop")).toMatchObject({
      owner: "acme",
      repo: "shop",
      cloneUrl: "https://github.com/acme/shop.git",
      origin: "https://github.com",
    });
    expect(githubRemote("https://ghe.example.com/api/v3", "acme/shop")).toMatchObject({
      cloneUrl: "https://ghe.example.com/acme/shop.git",
      origin: "https://ghe.example.com",
    });
    expect(githubRemote("http://127.0.0.1:4000/api/v3/", "a/b").cloneUrl).toBe("http://127.0.0.1:4000/a/b.git");
  });

  it("refuses names that are not owner/name", () => {
    for (const bad of ["acme", "acme/shop/x", "../etc", "acme/..", "acme/sh op", "/shop"]) {
      expect(() => githubRemote("https://api.github.com", bad)).toThrow(/not a GitHub repository name/);
    }
  });

  it("puts the token in git's environment config only, scoped to the host", () => {
    const env = gitAuthEnv("https://github.com", "ghs_secret");
    expect(env).toEqual({
      GIT_CONFIG_COUNT: "2",
      GIT_CONFIG_KEY_0: "http.https://github.com/.extraHeader",
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from("x-access-token:ghs_secret").toString("base64")}`,
      GIT_CONFIG_KEY_1: "credential.helper",
      GIT_CONFIG_VALUE_1: "",
    });
  });
});
