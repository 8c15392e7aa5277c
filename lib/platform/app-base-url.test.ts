import { describe, expect, it } from "vitest";
import { appBaseUrl } from "./app-base-url";

describe("appBaseUrl", () => {
  it("prefers the public URL, and turns a wildcard address into one a browser can open", () => {
    expect(appBaseUrl({ MERGELINE_PUBLIC_URL: "https://ml.example.com/", HOST: "0.0.0.0", PORT: 3000 })).toBe(
      "https://ml.example.com",
    );
    expect(appBaseUrl({ MERGELINE_PUBLIC_URL: undefined, HOST: "0.0.0.0", PORT: 3000 })).toBe("http://127.0.0.1:3000");
    expect(appBaseUrl({ MERGELINE_PUBLIC_URL: undefined, HOST: "10.0.0.5", PORT: 8080 })).toBe("http://10.0.0.5:8080");
    expect(appBaseUrl({ MERGELINE_PUBLIC_URL: undefined, HOST: "::1", PORT: 3000 })).toBe("http://[::1]:3000");
  });
});
