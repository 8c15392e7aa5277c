import Grid from "@mui/material/Grid";
import Skeleton from "@mui/material/Skeleton";
import Stack from "@mui/material/Stack";

export default function RunLoading() {
  return (
    <Stack spacing={3} aria-busy="true" aria-label="Loading the run">
      <Skeleton variant="text" width="50%" height={48} />
      <Skeleton variant="rounded" height={96} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={2}>
            <Skeleton variant="rounded" height={280} />
            <Skeleton variant="rounded" height={180} />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={2}>
            <Skeleton variant="rounded" height={220} />
            <Skeleton variant="rounded" height={320} />
          </Stack>
        </Grid>
      </Grid>
    </Stack>
  );
}
