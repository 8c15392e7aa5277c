"use client";
import MoreVert from "@mui/icons-material/MoreVert";
import PushPinOutlined from "@mui/icons-material/PushPinOutlined";
import SettingsOutlined from "@mui/icons-material/SettingsOutlined";
import IconButton from "@mui/material/IconButton";
import ListItemIcon from "@mui/material/ListItemIcon";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import Snackbar from "@mui/material/Snackbar";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";

export type UnpinProjectAction = ServerAction<{ projectId: string }>;

/** Admin actions of a card: settings and unpin. Keyboard: Enter/Space opens, arrows move, Esc closes. */
export function ProjectCardMenu({
  projectId,
  projectName,
  unpinProjectAction,
}: {
  projectId: string;
  projectName: string;
  unpinProjectAction: UnpinProjectAction;
}) {
  const router = useRouter();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const menuId = `project-menu-${projectId}`;
  const unpin = () =>
    startTransition(async () => {
      setAnchor(null);
      const result = await unpinProjectAction({ projectId });
      if (!result.ok) return setError(result.error);
      router.refresh();
    });
  return (
    <>
      <IconButton
        aria-label={`Actions for ${projectName}`}
        aria-haspopup="menu"
        aria-expanded={anchor ? "true" : undefined}
        aria-controls={anchor ? menuId : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        disabled={pending}
      >
        <MoreVert />
      </IconButton>
      <Menu id={menuId} anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        <MenuItem component={Link} href={`/projects/${projectId}/settings`} onClick={() => setAnchor(null)}>
          <ListItemIcon>
            <SettingsOutlined fontSize="small" />
          </ListItemIcon>
          Settings
        </MenuItem>
        <MenuItem onClick={unpin}>
          <ListItemIcon>
            <PushPinOutlined fontSize="small" />
          </ListItemIcon>
          Unpin
        </MenuItem>
      </Menu>
      <Snackbar open={Boolean(error)} autoHideDuration={6000} onClose={() => setError(null)} message={error} />
    </>
  );
}
