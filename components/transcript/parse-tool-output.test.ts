import { describe, expect, it } from "vitest";
import { parseToolOutput } from "./parse-tool-output";

describe("parseToolOutput", () => {
  it("splits a command's result into its fields and its output", () => {
    const text = `${JSON.stringify({ ok: true, exitCode: 0, durationMs: 2334.465670000005 }, null, 2)}\n\n--- output ---\nTAP version 13\nok 1 - adds\n`;
    expect(parseToolOutput(text)).toEqual({
      fields: { ok: true, exitCode: 0, durationMs: 2334.465670000005 },
      sections: [{ name: "output", text: "TAP version 13\nok 1 - adds\n" }],
      text,
    });
  });

  it("reads several sections and a result with none", () => {
    const text = `{"ok":true}\n\n--- content ---\na\n\n--- stderr ---\nb`;
    expect(parseToolOutput(text).sections).toEqual([
      { name: "content", text: "a" },
      { name: "stderr", text: "b" },
    ]);
    expect(parseToolOutput('{"ok":true,"path":"a.js","line":3}').fields).toEqual({ ok: true, path: "a.js", line: 3 });
  });

  it("keeps anything else as text", () => {
    expect(parseToolOutput("plain words")).toEqual({ fields: null, sections: [], text: "plain words" });
    expect(parseToolOutput("[1, 2]").fields).toBeNull();
  });
});
