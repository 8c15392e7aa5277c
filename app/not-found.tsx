import Box from "@mui/material/Box";
import Stack from "@mui/material/Stack";
import Typography from "@mui/material/Typography";
import type { Metadata } from "next";
import { NotFoundNotice } from "@/components/shared/not-found-notice";

export const metadata: Metadata = { title: "Not found" };

// Any address no route matches (answered with status 404), outside the signed-in app's frame.
export default function NotFound() {
  return (
    <Box component="main" sx={{ minHeight: "100dvh", display: "grid", placeItems: "center", p: 2 }}>
      <Stack spacing={3} sx={{ alignItems: "center", width: "100%" }}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: "center" }}>
          <Box component="img" src="/icon.svg" alt="" sx={{ width: 32, height: 32 }} />
          <Typography component="span" variant="h6" sx={{ fontWeight: 700 }}>
            Mergeline
          </Typography>
        </Stack>
        <NotFoundNotice />
      </Stack>
    </Box>
  );
}
