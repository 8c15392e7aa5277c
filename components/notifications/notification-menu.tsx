"use client";
import DoneAllOutlined from "@mui/icons-material/DoneAllOutlined";
import NotificationsNoneOutlined from "@mui/icons-material/NotificationsNoneOutlined";
import NotificationsOutlined from "@mui/icons-material/NotificationsOutlined";
import Badge from "@mui/material/Badge";
import Divider from "@mui/material/Divider";
import IconButton from "@mui/material/IconButton";
import ListItemIcon from "@mui/material/ListItemIcon";
import ListItemText from "@mui/material/ListItemText";
import Menu from "@mui/material/Menu";
import MenuItem from "@mui/material/MenuItem";
import Typography from "@mui/material/Typography";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";
import type { Notification } from "@/db/queries/notifications";
import type { TeamNoticeItem } from "@/db/queries/team-notices";

const what: Record<Notification["state"], string> = {
  awaiting_approval: "Plan awaiting approval",
  needs_human: "Needs a person",
  failed: "Failed",
};

export function NotificationMenu({
  unreadCount,
  items,
  notices = [],
  markNotificationsReadAction,
}: {
  unreadCount: number;
  items: Notification[];
  /** Team notices, for admins: shown above the runs. */
  notices?: TeamNoticeItem[];
  markNotificationsReadAction: ServerAction<{ runIds?: string[]; noticeIds?: string[] }>;
}) {
  const router = useRouter();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [pending, startTransition] = useTransition();
  const markRead = (which: { runIds?: string[]; noticeIds?: string[] } = {}) =>
    startTransition(async () => {
      await markNotificationsReadAction(which);
      router.refresh();
    });
  const label = unreadCount > 0 ? `Notifications, ${unreadCount} unread` : "Notifications";
  return (
    <>
      <IconButton
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={anchor ? "true" : undefined}
        aria-controls={anchor ? "notification-menu" : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
        data-testid="notification-bell"
        data-unread={unreadCount}
      >
        <Badge badgeContent={unreadCount} color="error" max={99}>
          {unreadCount > 0 ? <NotificationsOutlined /> : <NotificationsNoneOutlined />}
        </Badge>
      </IconButton>
      <Menu
        id="notification-menu"
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: "bottom", horizontal: "right" }}
        transformOrigin={{ vertical: "top", horizontal: "right" }}
        slotProps={{ paper: { sx: { width: 380, maxWidth: "calc(100vw - 32px)" } } }}
      >
        <Typography variant="subtitle2" sx={{ px: 2, py: 1 }}>
          Runs that need a person
        </Typography>
        <MenuItem disabled={pending || unreadCount === 0} onClick={() => markRead()} dense>
          <ListItemIcon>
            <DoneAllOutlined fontSize="small" />
          </ListItemIcon>
          Mark all as read
        </MenuItem>
        <Divider />
        {notices.map((notice) => (
          <MenuItem
            key={notice.id}
            component={Link}
            href={notice.href}
            data-testid="team-notice"
            data-read={notice.read}
            onClick={() => {
              setAnchor(null);
              if (!notice.read) markRead({ noticeIds: [notice.id] });
            }}
            sx={{
              whiteSpace: "normal",
              alignItems: "flex-start",
              borderLeft: 3,
              borderColor: notice.read ? "transparent" : "error.main",
            }}
          >
            <ListItemText
              primary={notice.title}
              secondary={`${notice.teamName} · ${new Date(notice.at).toISOString().slice(0, 16).replace("T", " ")} UTC`}
              slotProps={{ primary: { sx: { fontWeight: notice.read ? 400 : 600 } } }}
            />
          </MenuItem>
        ))}
        {items.length === 0 && notices.length === 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 2 }}>
            Nothing needs you right now.
          </Typography>
        )}
        {items.map((item) => (
          <MenuItem
            key={item.runId}
            component={Link}
            href={`/runs/${item.runId}`}
            data-testid="notification"
            data-read={item.read}
            onClick={() => {
              setAnchor(null);
              if (!item.read) markRead({ runIds: [item.runId] });
            }}
            sx={{
              whiteSpace: "normal",
              alignItems: "flex-start",
              borderLeft: 3,
              borderColor: item.read ? "transparent" : "warning.main",
            }}
          >
            <ListItemText
              primary={item.goal.split("\n")[0]}
              secondary={`${what[item.state]} · ${item.projectName} · ${new Date(item.at).toISOString().slice(0, 16).replace("T", " ")} UTC`}
              slotProps={{ primary: { sx: { fontWeight: item.read ? 400 : 600 }, noWrap: true } }}
            />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
