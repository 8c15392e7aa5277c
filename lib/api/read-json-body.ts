import { MAX_INPUT_DEPTH } from "@/lib/api/find-unsafe-input";
import { AppError } from "@/lib/platform/errors";
import { readLimitedBody } from "@/lib/platform/http/read-limited-body";

// Far above any real request (a plan edit is a few kilobytes); refuses a body that would
// only cost memory before zod rejects it.
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Whether JSON text opens more than `max` arrays or objects inside each other, counted on
 * the text itself: parsing a megabyte of "[[[[..." first would already cost the stack.
 */
function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > max) return true;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return false;
}

/**
 * The request's JSON body, or undefined when it has none. A body must say it is JSON:
 * a form a browser may post across sites (text/plain, urlencoded) is refused.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const text = (await readLimitedBody(request, MAX_BODY_BYTES)).toString("utf8");
  if (text.trim() === "") return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.-]+\+)?json\s*(;|$)/i.test(type)) {
    throw new AppError("bad_request:content_type", "Send the body as JSON with content-type: application/json");
  }
  if (nestedDeeperThan(text, MAX_INPUT_DEPTH))
    throw new AppError("bad_request:body", `body: Is nested more than ${MAX_INPUT_DEPTH} levels deep`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request:body", "The body is not valid JSON");
  }
}
