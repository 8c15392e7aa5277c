"use client";
import LockOutlined from "@mui/icons-material/LockOutlined";
import Button from "@mui/material/Button";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useState } from "react";
import type { PinnableRepository } from "@/db/queries/dashboard-repositories";

/** The installations' repositories, filterable by name, each with a Pin button (or "Pinned"). */
export function GithubRepositoryList({
  repositories,
  pending,
  onPin,
}: {
  repositories: PinnableRepository[];
  pending: boolean;
  onPin: (fullName: string) => void;
}) {
  const [filter, setFilter] = useState("");
  if (repositories.length === 0) {
    return (
      <Typography color="text.secondary" variant="body2">
        No GitHub repositories yet. Install the Mergeline GitHub App on an account or organization; the repositories it
        can reach appear here.
      </Typography>
    );
  }
  const shown = repositories.filter((repository) =>
    repository.fullName.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  return (
    <>
      <TextField
        type="search"
        size="small"
        label="Filter repositories"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      <List dense aria-label="GitHub repositories" sx={{ maxHeight: 360, overflow: "auto" }}>
        {shown.map((repository) => (
          <ListItem
            key={`${repository.teamId}:${repository.fullName}`}
            secondaryAction={
              repository.pinnedProjectId ? (
                <Typography variant="body2" color="text.secondary">
                  Pinned
                </Typography>
              ) : (
                <Button
                  size="small"
                  disabled={pending}
                  onClick={() => onPin(repository.fullName)}
                  aria-label={`Pin ${repository.fullName}`}
                >
                  Pin
                </Button>
              )
            }
          >
            <ListItemIcon sx={{ minWidth: 32 }}>
              {repository.private ? <LockOutlined fontSize="small" titleAccess="Private" /> : null}
            </ListItemIcon>
            <ListItemText primary={repository.fullName} />
          </ListItem>
        ))}
        {shown.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            No repository matches.
          </Typography>
        )}
      </List>
    </>
  );
}
