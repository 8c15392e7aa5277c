import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import Typography from "@mui/material/Typography";

/** The plan's steps a simplified_scope attempt left out: suggestions for follow-up runs. */
export function FollowUpSuggestions({ suggestions }: { suggestions: string[] }) {
  return (
    <Card component="section" aria-labelledby="follow-ups-title" data-testid="follow-up-suggestions">
      <CardContent>
        <Typography id="follow-ups-title" variant="h2" gutterBottom>
          Follow-up suggestions
        </Typography>
        <Typography variant="body2" color="text.secondary">
          A fix attempt narrowed the plan to what its acceptance checks need; these steps were left for later runs.
        </Typography>
        <List dense>
          {suggestions.map((suggestion) => (
            <ListItem key={suggestion} disableGutters>
              {suggestion}
            </ListItem>
          ))}
        </List>
      </CardContent>
    </Card>
  );
}
