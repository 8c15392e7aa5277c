import Grid from "@mui/material/Grid";
import Skeleton from "@mui/material/Skeleton";

export default function Loading() {
  return (
    <>
      <Skeleton variant="text" width={200} height={48} sx={{ mb: 2 }} />
      <Grid container spacing={2} aria-busy="true" aria-label="Loading projects">
        {[0, 1, 2].map((key) => (
          <Grid key={key} size={{ xs: 12, sm: 6, lg: 4 }}>
            <Skeleton variant="rounded" height={170} />
          </Grid>
        ))}
      </Grid>
    </>
  );
}
