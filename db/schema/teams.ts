import { index, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
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

export type Team = typeof teams.$inferSelect;
export type TeamMember = typeof teamMembers.$inferSelect;
export type TeamRole = (typeof teamRole.enumValues)[number];
