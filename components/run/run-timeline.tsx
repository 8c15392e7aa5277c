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
  if (event.type === "agent.attempt" && typeof event.data.attempt === "number")
    return `agent attempt ${event.data.attempt} finished`;
  if (event.type === "agent.candidates" && typeof event.data.winner === "number")
    return `best of ${Array.isArray(event.data.candidates) ? event.data.candidates.length : "N"}: candidate ${event.data.winner} chosen`;
  if (event.type === "candidate.picked" && typeof event.data.index === "number")
    return `candidate ${event.data.index} picked`;
  return event.type.replaceAll(".", " ").replaceAll("_", " ");
}

function detail(event: RunEvent): string | null {
  const data = event.data;
  if (typeof data.reason === "string" && data.reason) return data.reason;
  if (event.type === "agent.attempt" && typeof data.stepsUsed === "number") {
    // The repository's instruction files (AGENTS.md...) the agent's prompt carried.
    const parts = [`${String(data.model ?? "")} · ${data.stepsUsed} steps, ${String(data.stopReason ?? "")}`];
    if (Array.isArray(data.instructions) && data.instructions.length > 0)
      parts.push(`instructions: ${(data.instructions as string[]).join(", ")}`);
    // The project's MCP servers that did not answer: the agent worked without their tools.
    if (Array.isArray(data.mcpUnavailable) && data.mcpUnavailable.length > 0)
      parts.push(`MCP servers not reached: ${(data.mcpUnavailable as string[]).join(", ")}`);
    return parts.join(" · ");
  }
  if (typeof data.version === "number") return `plan v${data.version}`;
  if (event.type === "repository.config" && Array.isArray(data.settings))
    return `${String(data.file)}: ${[...(data.settings as string[]), ...(data.budget ? ["budget"] : [])].join(", ") || "nothing"}`;
  return null;
}

/**
 * Every run_events row, newest first: what happens now is at the top (and arrives there
 * live); the run's start is at the bottom of the list, which scrolls inside its card.
 */
export function RunTimeline({ events }: { events: RunEvent[] }) {
  const newestFirst = [...events].sort((a, b) => b.seq - a.seq);
  return (
    <Card component="section" aria-labelledby="timeline-title">
      <CardContent>
        <Typography id="timeline-title" variant="h2" gutterBottom>
          Timeline
        </Typography>
        {events.length === 0 && <Typography color="text.secondary">No events yet.</Typography>}
        <List
          dense
          data-testid="run-timeline"
          aria-labelledby="timeline-title"
          component="ol"
          reversed
          tabIndex={0}
          sx={{ maxHeight: 480, overflow: "auto" }}
        >
          {newestFirst.map((event) => {
            const extra = detail(event);
            return (
              <ListItem key={event.id} disableGutters data-seq={event.seq} data-type={event.type}>
                <ListItemText
                  primary={describe(event)}
                  secondary={
                    <>
                      <time dateTime={event.createdAt.toISOString()}>
                        {event.createdAt.toLocaleTimeString("en-GB")}
                      </time>
                      {extra ? ` · ${extra}` : ""}
                    </>
                  }
                />
              </ListItem>
            );
          })}
        </List>
      </CardContent>
    </Card>
  );
}
