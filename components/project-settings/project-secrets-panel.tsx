"use client";
import DeleteOutlined from "@mui/icons-material/DeleteOutlined";
import Alert from "@mui/material/Alert";
import Button from "@mui/material/Button";
import IconButton from "@mui/material/IconButton";
import List from "@mui/material/List";
import ListItem from "@mui/material/ListItem";
import ListItemText from "@mui/material/ListItemText";
import Paper from "@mui/material/Paper";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState, useTransition } from "react";
import type { ServerAction } from "@/components/server-action";
import { useFocusFirstInvalid } from "@/components/shared/use-focus-first-invalid";
import type { FieldErrors } from "@/lib/platform/run-action";

export type SecretListItem = { name: string; updatedAt: string };

/**
 * Write-only secrets: names and when they changed are listed, values never come back. A
 * saved value is cleared from the form at once; saving an existing name replaces it.
 */
export function ProjectSecretsPanel({
  projectId,
  secrets,
  editable,
  saveProjectSecretAction,
  deleteProjectSecretAction,
}: {
  projectId: string;
  secrets: SecretListItem[];
  editable: boolean;
  saveProjectSecretAction: ServerAction<{ projectId: string; name: string; value: string }, { name: string }>;
  deleteProjectSecretAction: ServerAction<{ projectId: string; name: string }>;
}) {
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ severity: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  useFocusFirstInvalid(form, errors);

  const save = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const name = String(data.get("name") ?? "").trim();
    const value = String(data.get("value") ?? "");
    startTransition(async () => {
      const result = await saveProjectSecretAction({ projectId, name, value });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        return setMessage({ severity: "error", text: result.fieldErrors ? "The secret was not saved." : result.error });
      }
      form.current?.reset();
      setErrors({});
      setMessage({ severity: "success", text: `${result.name} saved. Its value will not be shown again.` });
      router.refresh();
    });
  };

  const remove = (name: string) =>
    startTransition(async () => {
      const result = await deleteProjectSecretAction({ projectId, name });
      setMessage(
        result.ok ? { severity: "success", text: `${name} deleted.` } : { severity: "error", text: result.error },
      );
      router.refresh();
    });

  return (
    <Paper variant="outlined" component="section" aria-label="Secrets" sx={{ p: 2.5 }}>
      <Typography variant="h2" sx={{ mb: 1 }}>
        Secrets
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        Environment variables for this project&apos;s commands in the sandbox, encrypted at rest. Values are write-only:
        replace or delete them, they are never shown again.
      </Typography>
      {secrets.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          No secrets.
        </Typography>
      ) : (
        <List dense aria-label="Saved secrets">
          {secrets.map((secret) => (
            <ListItem
              key={secret.name}
              data-testid="secret"
              secondaryAction={
                editable && (
                  <IconButton
                    edge="end"
                    aria-label={`Delete ${secret.name}`}
                    onClick={() => remove(secret.name)}
                    disabled={pending}
                  >
                    <DeleteOutlined />
                  </IconButton>
                )
              }
            >
              <ListItemText
                primary={<code>{secret.name}</code>}
                secondary={`Updated ${new Date(secret.updatedAt).toISOString().slice(0, 16).replace("T", " ")} UTC · value hidden`}
              />
            </ListItem>
          ))}
        </List>
      )}
      {editable && (
        <form ref={form} onSubmit={save} noValidate aria-label="Add or replace a secret" autoComplete="off">
          <Stack direction={{ xs: "column", sm: "row" }} spacing={2} sx={{ mt: 2, alignItems: "flex-start" }}>
            <TextField
              name="name"
              label="Name"
              placeholder="API_TOKEN"
              size="small"
              error={Boolean(errors.name)}
              helperText={errors.name ?? "A-Z, 0-9 and _"}
            />
            <TextField
              name="value"
              label="Value"
              type="password"
              size="small"
              error={Boolean(errors.value)}
              helperText={errors.value ?? "Saving an existing name replaces its value"}
              slotProps={{ htmlInput: { autoComplete: "new-password" } }}
              sx={{ flex: 1 }}
            />
            <Button type="submit" variant="contained" loading={pending}>
              Save secret
            </Button>
          </Stack>
        </form>
      )}
      {message && (
        <Alert severity={message.severity} sx={{ mt: 2 }}>
          {message.text}
        </Alert>
      )}
    </Paper>
  );
}
