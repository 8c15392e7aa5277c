import Box from "@mui/material/Box";
import Skeleton from "@mui/material/Skeleton";
import Stack from "@mui/material/Stack";

// The run page's own shape while it loads (the dashboard's cards would say the wrong thing):
// goal, state and actions, the stages, then plan and validation beside details and timeline.
export default function RunLoading() {
  return (
    <Stack spacing={3} aria-busy="true" aria-label="Loading the run" data-testid="run-skeleton">
      <Stack spacing={1.5}>
        <Skeleton variant="text" width={180} />
        <Skeleton variant="text" sx={{ width: { xs: "90%", md: "50%" }, fontSize: "1.75rem" }} />
        <Stack direction="row" spacing={1.5}>
          <Skeleton variant="rounded" width={120} height={32} sx={{ borderRadius: 4 }} />
          <Skeleton variant="rounded" width={110} height={36} />
          <Skeleton variant="rounded" width={90} height={36} />
        </Stack>
      </Stack>
      <Skeleton variant="rounded" height={96} />
      <Box
        sx={{
          display: "grid",
          gap: 2,
          gridTemplateColumns: { xs: "minmax(0, 1fr)", md: "minmax(0, 7fr) minmax(0, 5fr)" },
          gridTemplateAreas: { xs: '"details" "main"', md: '"main details"' },
        }}
      >
        <Stack spacing={2} sx={{ gridArea: "main" }}>
          <Skeleton variant="rounded" height={280} />
          <Skeleton variant="rounded" height={180} />
        </Stack>
        <Stack spacing={2} sx={{ gridArea: "details" }}>
          <Skeleton variant="rounded" height={220} />
          <Skeleton variant="rounded" height={320} sx={{ display: { xs: "none", md: "block" } }} />
        </Stack>
      </Box>
    </Stack>
  );
}
