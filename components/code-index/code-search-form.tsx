import Button from "@mui/material/Button";
import MenuItem from "@mui/material/MenuItem";
import Stack from "@mui/material/Stack";
import TextField from "@mui/material/TextField";

const kinds = [
  { value: "", label: "Everything" },
  { value: "symbol", label: "Symbols" },
  { value: "chunk", label: "Other code" },
  { value: "file", label: "Files" },
];

/** The search box of the code search page: a plain GET form, so the query lives in the URL. */
export function CodeSearchForm({ query, kind }: { query: string; kind: string }) {
  return (
    <Stack
      component="form"
      method="get"
      role="search"
      direction={{ xs: "column", sm: "row" }}
      spacing={1}
      sx={{ mb: 2 }}
    >
      <TextField
        name="q"
        type="search"
        label="Search code"
        defaultValue={query}
        size="small"
        fullWidth
        autoFocus
        slotProps={{ htmlInput: { maxLength: 500 } }}
      />
      <TextField name="kind" select label="Kind" defaultValue={kind} size="small" sx={{ minWidth: 160 }}>
        {kinds.map((option) => (
          <MenuItem key={option.value} value={option.value}>
            {option.label}
          </MenuItem>
        ))}
      </TextField>
      <Button type="submit" variant="contained">
        Search
      </Button>
    </Stack>
  );
}
