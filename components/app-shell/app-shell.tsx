import InsightsOutlined from "@mui/icons-material/InsightsOutlined";
import AppBar from "@mui/material/AppBar";
import Box from "@mui/material/Box";
import Container from "@mui/material/Container";
import Toolbar from "@mui/material/Toolbar";
import Typography from "@mui/material/Typography";
import Link from "next/link";
import type { ReactNode } from "react";
import { LinkButton } from "@/components/project-card/link-button";
import { type ShellUser, UserMenu } from "./user-menu";

/** The signed-in app's frame; `bell` is the app bar's notifications, loaded by the layout. */
export function AppShell({
  children,
  user,
  bell,
  signOutAction,
  signOutEverywhereAction,
}: {
  children: ReactNode;
  user: ShellUser;
  bell: ReactNode;
  signOutAction: () => Promise<void>;
  signOutEverywhereAction: () => Promise<void>;
}) {
  return (
    <Box sx={{ minHeight: "100dvh", display: "flex", flexDirection: "column" }}>
      <AppBar position="sticky" color="inherit" elevation={0} sx={{ borderBottom: 1, borderColor: "divider" }}>
        <Toolbar sx={{ gap: 1.5 }}>
          <Link
            href="/"
            style={{ display: "flex", alignItems: "center", gap: 12, color: "inherit", textDecoration: "none" }}
          >
            <Box component="img" src="/icon.svg" alt="" sx={{ width: 28, height: 28 }} />
            <Typography component="span" variant="h6" sx={{ fontWeight: 700, letterSpacing: -0.3 }}>
              Mergeline
            </Typography>
          </Link>
          <Box sx={{ flex: 1 }} />
          <LinkButton href="/insights" color="inherit" startIcon={<InsightsOutlined />}>
            Insights
          </LinkButton>
          {bell}
          <UserMenu user={user} signOutAction={signOutAction} signOutEverywhereAction={signOutEverywhereAction} />
        </Toolbar>
      </AppBar>
      <Container component="main" maxWidth="xl" sx={{ py: { xs: 2, sm: 4 }, flex: 1 }}>
        {children}
      </Container>
    </Box>
  );
}
