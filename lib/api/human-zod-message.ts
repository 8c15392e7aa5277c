import { z } from "zod";

// zod's own messages ("Too small: expected number to be >=1") are written for programmers.
// These read as a sentence about the field, which the caller names: "budget.maxAttempts:
// Must be at least 1". A schema's own message (`.min(3, "Describe the goal...")`) still wins.

type Issue = z.core.$ZodRawIssue;

const typeNames: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  record: "an object",
  date: "a date",
  null: "null",
};

const formatNames: Record<string, string> = {
  uuid: "a UUID",
  guid: "a UUID",
  email: "an email address",
  url: "a URL",
  datetime: "an ISO 8601 date and time, like 2026-01-31T09:00:00Z",
  date: "a date, like 2026-01-31",
  time: "a time, like 09:00:00",
  duration: "an ISO 8601 duration",
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  base64: "base64 text",
  base64url: "base64url text",
  json_string: "JSON text",
};

const units: Record<string, [one: string, many: string]> = {
  string: ["character", "characters"],
  array: ["item", "items"],
  set: ["item", "items"],
  map: ["entry", "entries"],
  file: ["byte", "bytes"],
};

const listed = (values: readonly unknown[]) => values.map((value) => String(value)).join(", ");

function sizeMessage(issue: Issue & { code: "too_small" | "too_big" }): string {
  const small = issue.code === "too_small";
  const bound = Number(small ? issue.minimum : issue.maximum);
  const unit = units[issue.origin ?? ""];
  if (unit) {
    if (small && bound === 1 && !issue.exact) return "Must not be empty";
    const count = `${bound} ${bound === 1 ? unit[0] : unit[1]}`;
    const verb = issue.origin === "string" ? "Must be" : "Must have";
    return `${verb} ${issue.exact ? "exactly" : small ? "at least" : "at most"} ${count}`;
  }
  if (issue.exact) return `Must be exactly ${bound}`;
  if (small) return issue.inclusive === false ? `Must be greater than ${bound}` : `Must be at least ${bound}`;
  return issue.inclusive === false ? `Must be less than ${bound}` : `Must be at most ${bound}`;
}

function formatMessage(issue: Issue & { code: "invalid_format" }): string {
  const detail = issue as Issue & { prefix?: string; suffix?: string; includes?: string };
  if (issue.format === "starts_with") return `Must start with "${detail.prefix}"`;
  if (issue.format === "ends_with") return `Must end with "${detail.suffix}"`;
  if (issue.format === "includes") return `Must contain "${detail.includes}"`;
  if (issue.format === "regex") return "Is not in the expected format";
  return `Must be ${formatNames[issue.format] ?? `a valid ${issue.format}`}`;
}

/** The message for an issue whose schema gave none. */
export function humanZodMessage(issue: Issue): string {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "Required";
      return `Must be ${typeNames[issue.expected] ?? issue.expected}`;
    case "too_small":
    case "too_big":
      return sizeMessage(issue);
    case "invalid_format":
      return formatMessage(issue);
    case "invalid_value":
      return issue.values.length === 1
        ? `Must be ${JSON.stringify(issue.values[0])}`
        : `Must be one of: ${listed(issue.values)}`;
    case "not_multiple_of":
      return `Must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return issue.keys.length === 1 ? "Unknown field" : `Unknown fields: ${listed(issue.keys)}`;
    case "invalid_union": {
      // A discriminated union whose tag is missing or unknown lists the tags it accepts.
      const options = (issue as Issue & { options?: unknown[] }).options;
      if (issue.input === undefined) return "Required";
      if (options?.length) return `Must be one of: ${listed(options)}`;
      return "Does not match any accepted form";
    }
    case "invalid_key":
      return "Has a key that is not valid";
    case "invalid_element":
      return "Has an item that is not valid";
    default:
      return "Is not valid";
  }
}

// Installed on import, for the whole process (zod keeps its config on globalThis): every
// parse of request or form input goes through a module that imports this one.
z.config({ customError: humanZodMessage });
