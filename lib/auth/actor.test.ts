import { describe, expect, it } from "vitest";
import { type Actor, can, visibleTeamIds } from "./actor";

const team = "11111111-1111-4111-8111-111111111111";
const other = "22222222-2222-4222-8222-222222222222";
const user = (role: "admin" | "member" | "viewer"): Actor => ({
  kind: "user",
  userId: "u",
  memberships: [{ teamId: team, role }],
  ip: null,
});
const key = (...scopes: ("read" | "runs:write" | "admin")[]): Actor => ({
  kind: "api_key",
  apiKeyId: "k",
  teamId: team,
  scopes,
  ip: null,
});

describe("can", () => {
  it("grants by role", () => {
    expect(["read", "write", "admin"].map((p) => can(user("viewer"), team, p as never))).toEqual([true, false, false]);
    expect(["read", "write", "admin"].map((p) => can(user("member"), team, p as never))).toEqual([true, true, false]);
    expect(["read", "write", "admin"].map((p) => can(user("admin"), team, p as never))).toEqual([true, true, true]);
  });

  it("grants by key scope, in the key's team only", () => {
    expect(can(key("read"), team, "write")).toBe(false);
    expect(can(key("runs:write"), team, "write")).toBe(true);
    expect(can(key("runs:write"), team, "admin")).toBe(false);
    expect(can(key("admin"), other, "read")).toBe(false);
    expect(visibleTeamIds(key("read"))).toEqual([team]);
  });

  it("grants nothing in a team the person is not in", () => {
    expect(can(user("admin"), other, "read")).toBe(false);
  });
});
