import Grid from "@mui/material/Grid";
import Skeleton from "@mui/material/Skeleton";
import Stack from "@mui/material/Stack";

// The dashboard's shape while its one query runs: title, filters, a few cards.
export default function Loading() {
  return (
    <>
      <Skeleton variant="text" width={200} height={48} sx={{ mb: 2 }} />
      <Stack direction="row" spacing={2} sx={{ mb: 3 }}>
        <Skeleton variant="rounded" width={320} height={40} />
        <Skeleton variant="rounded" width={360} height={40} />
      </Stack>
      <Grid container spacing={2} aria-busy="true" aria-label="Loading projects">
        {[0, 1, 2].map((key) => (
          <Grid key={key} size={{ xs: 12, sm: 6, lg: 4 }}>
            <Skeleton variant="rounded" height={300} />
          </Grid>
        ))}
      </Grid>
    </>
  );
}
