import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import Typography from "@mui/material/Typography";

/** For someone signed in who belongs to no team yet (e.g. a first GitHub sign-in). */
export function NoTeamNotice({ email }: { email: string | null }) {
  return (
    <Alert severity="info" data-testid="no-team">
      <AlertTitle>You are not in a team yet</AlertTitle>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Signed in{email ? ` as ${email}` : ""}. Mergeline shows the projects of the teams you belong to, and you belong
        to none.
      </Typography>
      <Typography variant="body2">
        Ask an admin of your team for an invitation link, or install the Mergeline GitHub App on your account or
        organization: its team is created for you.
      </Typography>
    </Alert>
  );
}
