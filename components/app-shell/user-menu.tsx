"use client";
import AccountCircleOutlined from "@mui/icons-material/AccountCircleOutlined";
import CampaignOutlined from "@mui/icons-material/CampaignOutlined";
import GroupOutlined from "@mui/icons-material/GroupOutlined";
import KeyOutlined from "@mui/icons-material/KeyOutlined";
import Logout from "@mui/icons-material/Logout";
import MenuBookOutlined from "@mui/icons-material/MenuBookOutlined";
import PhonelinkErase from "@mui/icons-material/PhonelinkErase";
import ReceiptLongOutlined from "@mui/icons-material/ReceiptLongOutlined";
import VpnKeyOutlined from "@mui/icons-material/VpnKeyOutlined";
import Divider from "@mui/material/Divider";
import IconButton from "@mui/material/IconButton";
import ListItemIcon from "@mui/material/ListItemIcon";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import Typography from "@mui/material/Typography";
import Link from "next/link";
import { useState, useTransition } from "react";

export type ShellUser = {
  email: string | null;
  name: string | null;
  /** Admin of at least one team: sees the settings entries. */
  isAdmin?: boolean;
};

/** The signed-in person's menu in the app bar: who they are, settings for admins, and Sign out. */
export function UserMenu({
  user,
  signOutAction,
  signOutEverywhereAction,
}: {
  user: ShellUser;
  signOutAction: () => Promise<void>;
  signOutEverywhereAction: () => Promise<void>;
}) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [pending, startTransition] = useTransition();
  const label = user.email ?? user.name ?? "Signed in";
  return (
    <>
      <IconButton
        aria-label="Account"
        aria-haspopup="menu"
        aria-expanded={anchor ? "true" : undefined}
        aria-controls={anchor ? "user-menu" : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        edge="end"
      >
        <AccountCircleOutlined />
      </IconButton>
      <Menu
        id="user-menu"
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: "bottom", horizontal: "right" }}
        transformOrigin={{ vertical: "top", horizontal: "right" }}
      >
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ px: 2, py: 1, maxWidth: 280, overflowWrap: "anywhere" }}
          data-testid="user-email"
        >
          {label}
        </Typography>
        <Divider />
        <MenuItem component={Link} href="/account" onClick={() => setAnchor(null)}>
          <ListItemIcon>
            <KeyOutlined fontSize="small" />
          </ListItemIcon>
          Account and password
        </MenuItem>
        <MenuItem component={Link} href="/settings/members" onClick={() => setAnchor(null)}>
          <ListItemIcon>
            <GroupOutlined fontSize="small" />
          </ListItemIcon>
          Members
        </MenuItem>
        {user.isAdmin && (
          <MenuItem component={Link} href="/settings/api-keys" onClick={() => setAnchor(null)}>
            <ListItemIcon>
              <VpnKeyOutlined fontSize="small" />
            </ListItemIcon>
            Settings: API keys
          </MenuItem>
        )}
        {user.isAdmin && (
          <MenuItem component={Link} href="/settings/notifications" onClick={() => setAnchor(null)}>
            <ListItemIcon>
              <CampaignOutlined fontSize="small" />
            </ListItemIcon>
            Settings: Notifications
          </MenuItem>
        )}
        {user.isAdmin && (
          <MenuItem component={Link} href="/settings/audit" onClick={() => setAnchor(null)}>
            <ListItemIcon>
              <ReceiptLongOutlined fontSize="small" />
            </ListItemIcon>
            Audit log
          </MenuItem>
        )}
        {/* A route handler, not a page of the app: a plain link, not a client-side navigation. */}
        <MenuItem component="a" href="/api/docs" onClick={() => setAnchor(null)}>
          <ListItemIcon>
            <MenuBookOutlined fontSize="small" />
          </ListItemIcon>
          API reference
        </MenuItem>
        <Divider />
        <MenuItem disabled={pending} onClick={() => startTransition(() => signOutAction())}>
          <ListItemIcon>
            <Logout fontSize="small" />
          </ListItemIcon>
          Sign out
        </MenuItem>
        <MenuItem disabled={pending} onClick={() => startTransition(() => signOutEverywhereAction())}>
          <ListItemIcon>
            <PhonelinkErase fontSize="small" />
          </ListItemIcon>
          Sign out everywhere
        </MenuItem>
      </Menu>
    </>
  );
}
