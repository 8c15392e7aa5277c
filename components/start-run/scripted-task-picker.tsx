"use client";
import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";
import FormControlLabel from "@mui/material/FormControlLabel";
import Radio from "@mui/material/Radio";
import RadioGroup from "@mui/material/RadioGroup";
import Typography from "@mui/material/Typography";

/** A task the project's scripted model can play, as the start-run dialog offers it. */
export type ScriptedTaskOption = { title: string; goal: string; explanation: string };

/**
 * On a project whose model is the scripted one: the tasks it has scripts for, one of which
 * fills the goal. Says plainly that any other goal is refused, and where a real model is set.
 */
export function ScriptedTaskPicker({
  tasks,
  goal,
  onPick,
}: {
  tasks: ScriptedTaskOption[];
  goal: string;
  onPick: (goal: string) => void;
}) {
  const picked = tasks.find((task) => task.goal === goal)?.goal ?? "";
  return (
    <Alert severity="info" icon={false} data-testid="scripted-tasks">
      <AlertTitle>This project uses the scripted model</AlertTitle>
      <Typography variant="body2" sx={{ mb: 1 }}>
        It plays recorded scripts rather than reading your goal, so it can do only these tasks, each once per
        repository. Any other goal is refused; for real work, start Mergeline with OPENAI_API_KEY (or OPENAI_BASE_URL)
        and choose a model in the project&apos;s settings.
      </Typography>
      <RadioGroup
        aria-label="Scripted tasks"
        name="scriptedTask"
        value={picked}
        onChange={(event) => onPick(event.target.value)}
      >
        {tasks.map((task) => (
          <FormControlLabel
            key={task.goal}
            value={task.goal}
            control={<Radio size="small" />}
            sx={{ alignItems: "flex-start", mb: 1, "& .MuiRadio-root": { pt: 0.25 } }}
            label={
              <>
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  {task.title}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {task.explanation}
                </Typography>
              </>
            }
          />
        ))}
      </RadioGroup>
    </Alert>
  );
}
