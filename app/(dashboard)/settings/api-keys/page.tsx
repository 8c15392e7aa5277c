import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { connection } from "next/server";
import { ApiKeysPanel } from "@/components/api-keys/api-keys-panel";
import { getDb } from "@/db";
import { toApiKey } from "@/lib/api/schemas/api-key";
import { listApiKeys } from "@/lib/api-keys";
import { requireSessionActor } from "@/lib/auth/get-session-actor";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

// The team whose keys are shown: the one named in ?team= if the person administers it,
// else their first team as admin. Keys are secrets of the team, so non-admins see none.
export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<{ team?: string | string[] }> }) {
  await connection();
  const actor = await requireSessionActor({ callbackUrl: "/settings/api-keys" });
  const { team } = await searchParams;
  const adminTeams = actor.memberships
    .filter((membership) => membership.role === "admin")
    .map((membership) => membership.teamId);
  const teamId = adminTeams.find((id) => id === team) ?? adminTeams[0];
  return (
    <>
      <Box sx={{ mb: 3 }}>
        <Typography variant="h1">API keys</Typography>
        <Typography color="text.secondary">Keys let scripts and CI call the REST API as your team.</Typography>
      </Box>
      {teamId ? (
        <ApiKeysPanel
          teamId={teamId}
          apiKeys={(await listApiKeys({ db: getDb(), teamId })).map(toApiKey)}
          createAction={createApiKeyAction}
          revokeAction={revokeApiKeyAction}
        />
      ) : (
        <Alert severity="warning" data-testid="api-keys-forbidden">
          Only team admins can manage API keys (403). Ask an admin of your team.
        </Alert>
      )}
    </>
  );
}
