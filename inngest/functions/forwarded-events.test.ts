import { describe, expect, it } from "vitest";
import { functions } from "@/inngest/functions";
import { forwardedEvents } from "@/lib/intake/github/webhooks/forwarded-events";

describe("forwardedEvents", () => {
  it("are exactly the github/* events some function is triggered by", () => {
    const triggered = new Set(
      functions
        .flatMap((fn) =>
          (fn.opts.triggers ?? []).flatMap((trigger) =>
            "event" in trigger && typeof trigger.event === "string" ? [trigger.event] : [],
          ),
        )
        .filter((name) => name.startsWith("github/")),
    );
    expect([...forwardedEvents].sort()).toEqual([...triggered].sort());
  });
});
