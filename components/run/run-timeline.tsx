import Card from "@mui/material/Card";
import CardContent from "@mui/material/CardContent";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Typography from "@mui/material/Typography";
import type { RunEvent } from "@/db/schema";
import { stateLabels } from "./run-stages";

function describe(event: RunEvent): string {
  if (event.type === "state.changed" && event.toState) return stateLabels[event.toState];
  return event.type.replaceAll(".", " ");
}

export function RunTimeline({ events }: { events: RunEvent[] }) {
  return (
    <Card>
      <CardContent>
        <Typography variant="h2" gutterBottom>
          Timeline
        </Typography>
        <List dense data-testid="run-timeline" aria-label="Run timeline">
          {events.map((event) => (
            <ListItem key={event.id} disableGutters data-seq={event.seq}>
              <ListItemText
                primary={describe(event)}
                secondary={`${event.createdAt.toLocaleTimeString("en-GB")}${typeof event.data.reason === "string" ? ` · ${event.data.reason}` : ""}`}
              />
            </ListItem>
          ))}
        </List>
      </CardContent>
    </Card>
  );
}
