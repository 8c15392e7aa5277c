import Skeleton from "@mui/material/Skeleton";
import Stack from "@mui/material/Stack";

export default function Loading() {
  return (
    <Stack spacing={2} aria-busy="true" aria-label="Loading the project">
      <Skeleton variant="text" width={160} />
      <Skeleton variant="text" width={280} height={48} />
      <Skeleton variant="rounded" height={320} />
    </Stack>
  );
}
