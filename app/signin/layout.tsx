import Box from "@mui/material/Box";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { ReactNode } from "react";

// The sign-in pages stand alone: no app bar, one centred card.
export default function SignInLayout({ children }: { children: ReactNode }) {
  return (
    <Box component="main" sx={{ minHeight: "100dvh", display: "grid", placeItems: "center", p: 2 }}>
      <Paper variant="outlined" sx={{ width: "100%", maxWidth: 420, p: { xs: 3, sm: 4 } }}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: "center", mb: 3 }}>
          <Box component="img" src="/icon.svg" alt="" sx={{ width: 32, height: 32 }} />
          <Typography component="span" variant="h6" sx={{ fontWeight: 700, letterSpacing: -0.3 }}>
            Mergeline
          </Typography>
        </Stack>
        {children}
      </Paper>
    </Box>
  );
}
