import HomeOutlined from "@mui/icons-material/HomeOutlined";
import Paper from "@mui/material/Paper";
import Typography from "@mui/material/Typography";
import { LinkButton } from "@/components/project-card/link-button";

/** What a 404 shows: what was not found, why that may be, and the way home. */
export function NotFoundNotice({
  title = "Page not found",
  body = "There is nothing at this address. It may have been mistyped, or the page may have moved.",
}: {
  title?: string;
  body?: string;
}) {
  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="not-found-title"
      data-testid="not-found"
      sx={{ p: { xs: 3, sm: 5 }, textAlign: "center", maxWidth: 640, mx: "auto" }}
    >
      <Typography variant="overline" color="text.secondary" component="p">
        404
      </Typography>
      <Typography id="not-found-title" variant="h1" gutterBottom>
        {title}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {body}
      </Typography>
      <LinkButton href="/" variant="contained" startIcon={<HomeOutlined />}>
        Back to projects
      </LinkButton>
    </Paper>
  );
}
