import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/platform/errors";
import { MAX_BODY_BYTES, readJsonBody } from "./read-json-body";

const post = (body: BodyInit | undefined, type?: string) =>
  new Request("http://127.0.0.1/x", {
    method: "POST",
    body,
    headers: type ? { "content-type": type } : {},
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: AppError) => error.code,
  );

describe("readJsonBody", () => {
  it("reads JSON, and no body as undefined", async () => {
    expect(await readJsonBody(post('{"a":1}', "application/json; charset=utf-8"))).toEqual({ a: 1 });
    expect(await readJsonBody(post('{"a":1}', "application/merge-patch+json"))).toEqual({ a: 1 });
    expect(await readJsonBody(post(undefined))).toBeUndefined();
  });

  it("refuses bodies not declared as JSON and bodies that are not JSON", async () => {
    expect(await codeOf(readJsonBody(post('{"a":1}', "text/plain")))).toBe("bad_request:content_type");
    expect(await codeOf(readJsonBody(post('{"a":1}')))).toBe("bad_request:content_type");
    expect(await codeOf(readJsonBody(post("{a:1}", "application/json")))).toBe("bad_request:body");
  });

  it("refuses JSON nested past 32 levels before parsing it, whatever the depth", async () => {
    const deep = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;
    expect(await readJsonBody(post(deep(32), "application/json"))).toBeInstanceOf(Array);
    expect(await codeOf(readJsonBody(post(deep(33), "application/json")))).toBe("bad_request:body");
    expect(await codeOf(readJsonBody(post(deep(500_000), "application/json")))).toBe("bad_request:body");
    // Brackets and escaped quotes inside strings are text.
    const text = JSON.stringify({ a: `"${"[{".repeat(100)}` });
    expect(await readJsonBody(post(text, "application/json"))).toEqual(JSON.parse(text));
  });

  it("stops reading a streamed body past the limit", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(32);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > MAX_BODY_BYTES * 4) controller.close();
        else controller.enqueue(chunk);
      },
    });
    expect(await codeOf(readJsonBody(post(stream, "application/json")))).toBe("payload_too_large:body");
    expect(sent).toBeLessThan(MAX_BODY_BYTES * 2);
  });
});
