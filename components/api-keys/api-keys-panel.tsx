"use client";
import Add from "@mui/icons-material/Add";
import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiKeysTable } from "./api-keys-table";
import { CreateApiKeyDialog } from "./create-api-key-dialog";
import type { ApiKeyView, CreateApiKeyAction, RevokeApiKeyAction } from "./types";

/** The team's keys with Create and Revoke; after a change the server list is re-read. */
export function ApiKeysPanel({
  teamId,
  apiKeys,
  createAction,
  revokeAction,
}: {
  teamId: string;
  apiKeys: ApiKeyView[];
  createAction: CreateApiKeyAction;
  revokeAction: RevokeApiKeyAction;
}) {
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoke = async (id: string) => {
    const result = await revokeAction({ teamId, id });
    setError(result.ok ? null : result.error);
    router.refresh();
  };
  return (
    <>
      <Box sx={{ display: "flex", justifyContent: "flex-end", mb: 2 }}>
        <Button variant="contained" startIcon={<Add />} onClick={() => setCreating(true)}>
          Create API key
        </Button>
      </Box>
      {error && (
        <Alert severity="error" sx={{ mb: 2 }} onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <ApiKeysTable apiKeys={apiKeys} onRevoke={revoke} />
      <CreateApiKeyDialog
        open={creating}
        teamId={teamId}
        createAction={createAction}
        onCreated={() => router.refresh()}
        onClose={() => setCreating(false)}
      />
    </>
  );
}
