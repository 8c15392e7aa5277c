"use client";
import AddOutlined from "@mui/icons-material/AddOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import Dialog from "@mui/material/Dialog";
import DialogActions from "@mui/material/DialogActions";
import DialogContent from "@mui/material/DialogContent";
import DialogTitle from "@mui/material/DialogTitle";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import Tab from "@mui/material/Tab";
import Tabs from "@mui/material/Tabs";
import TextField from "@mui/material/TextField";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";
import type { PinnableRepository } from "@/db/queries/dashboard-repositories";
import { useFocusFirstInvalid } from "@/components/shared/use-focus-first-invalid";
import { GithubRepositoryList } from "./github-repository-list";

export type SelectorTeam = { id: string; name: string };

/**
 * "Pin a repository": a GitHub repository the team's installations can reach, or a local
 * git repository by its path on the server. Errors appear on the field they are about.
 */
export function ProjectSelector({
  teams,
  repositories,
  label = "Pin a repository",
  pinProjectAction,
}: {
  teams: SelectorTeam[];
  repositories: PinnableRepository[];
  label?: string;
  pinProjectAction: ServerAction<{ provider: "local" | "github"; repository: string; teamId?: string }>;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [tab, setTab] = useState<"local" | "github">(repositories.length > 0 ? "github" : "local");
  const [teamId, setTeamId] = useState(teams[0]?.id ?? "");
  const [path, setPath] = useState("");
  const [error, setError] = useState<{ field: "repository" | "form"; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const localForm = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(localForm, error);

  const pin = (provider: "local" | "github", repository: string) =>
    startTransition(async () => {
      setError(null);
      const result = await pinProjectAction({ provider, repository, teamId: teamId || undefined });
      if (!result.ok) {
        const message = result.fieldErrors?.repository ?? result.error;
        return setError({ field: provider === "local" ? "repository" : "form", message });
      }
      setOpen(false);
      setPath("");
      router.refresh();
    });

  return (
    <>
      <Button variant="contained" startIcon={<AddOutlined />} onClick={() => (setError(null), setOpen(true))}>
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={() => !pending && setOpen(false)}
        fullWidth
        maxWidth="sm"
        aria-labelledby="project-selector-title"
      >
        <DialogTitle id="project-selector-title">Pin a repository</DialogTitle>
        <Tabs
          value={tab}
          onChange={(_event, value: "local" | "github") => (setError(null), setTab(value))}
          sx={{ px: 3 }}
          aria-label="Where the repository is"
        >
          <Tab value="github" label={`GitHub (${repositories.length})`} />
          <Tab value="local" label="Local path" />
        </Tabs>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {teams.length > 1 && (
              <TextField
                select
                label="Team"
                value={teamId}
                onChange={(event) => setTeamId(event.target.value)}
                size="small"
              >
                {teams.map((team) => (
                  <MenuItem key={team.id} value={team.id}>
                    {team.name}
                  </MenuItem>
                ))}
              </TextField>
            )}
            {error?.field === "form" && <Alert severity="error">{error.message}</Alert>}
            {tab === "github" ? (
              <GithubRepositoryList
                repositories={repositories.filter((repository) => !teamId || repository.teamId === teamId)}
                pending={pending}
                onPin={(name) => pin("github", name)}
              />
            ) : (
              <form
                ref={localForm}
                id="pin-local-form"
                noValidate
                onSubmit={(event) => {
                  event.preventDefault();
                  pin("local", path);
                }}
              >
                <TextField
                  label="Repository path"
                  placeholder="/srv/repos/my-app"
                  value={path}
                  onChange={(event) => setPath(event.target.value)}
                  required
                  fullWidth
                  autoFocus
                  error={error?.field === "repository"}
                  helperText={
                    error?.field === "repository"
                      ? error.message
                      : "The absolute path of a git repository on the server (the repository itself, not a folder inside it)"
                  }
                />
              </form>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={pending}>
            Close
          </Button>
          {tab === "local" && (
            <Button type="submit" form="pin-local-form" variant="contained" loading={pending}>
              Pin
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
}
