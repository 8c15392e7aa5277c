import { index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id } from "./columns";

export const teamKind = pgEnum("team_kind", ["local", "github"]);
export const teamRole = pgEnum("team_role", ["admin", "member", "viewer"]);

// A team per GitHub installation account, plus local teams.
export const teams = pgTable("teams", {
  id: id(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  kind: teamKind().notNull().default("local"),
  createdAt: createdAt(),
});

export const teamMembers = pgTable(
  "team_members",
  {
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: teamRole().notNull().default("member"),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.userId] }), index().on(table.userId)],
);

// An admin invites an email address with a role; the link carries a random token of which
// only the SHA-256 is stored. Accepting (signed in as that address) makes the membership.
export const teamInvitations = pgTable(
  "team_invitations",
  {
    id: id(),
    teamId: uuid()
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: teamRole().notNull(),
    tokenHash: text().notNull().unique(),
    invitedBy: text().references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: text().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.teamId)],
);

export type Team = typeof teams.$inferSelect;
export type TeamInvitation = typeof teamInvitations.$inferSelect;
export type TeamMember = typeof teamMembers.$inferSelect;
export type TeamRole = (typeof teamRole.enumValues)[number];
