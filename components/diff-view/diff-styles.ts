import type { SxProps, Theme } from "@mui/material/styles";

// react-diff-view's colours are CSS variables: set them for light and dark (the app
// follows the system's scheme), and colour Prism's tokens the same way.
const light = {
  "--diff-text-color": "#1f2328",
  "--diff-gutter-insert-background-color": "#ccffd8",
  "--diff-code-insert-background-color": "#e6ffec",
  "--diff-gutter-delete-background-color": "#ffd7d5",
  "--diff-code-delete-background-color": "#ffebe9",
  "--diff-code-insert-edit-background-color": "#abf2bc",
  "--diff-code-delete-edit-background-color": "#ff818266",
  "--token-comment": "#57606a",
  "--token-keyword": "#cf222e",
  "--token-string": "#0a3069",
  "--token-function": "#8250df",
  "--token-number": "#0550ae",
  "--token-punctuation": "#57606a",
};
const dark = {
  "--diff-text-color": "#e6edf3",
  "--diff-gutter-insert-background-color": "#1f4a2c",
  "--diff-code-insert-background-color": "#12261e",
  "--diff-gutter-delete-background-color": "#5a1e24",
  "--diff-code-delete-background-color": "#25171c",
  "--diff-code-insert-edit-background-color": "#2ea04366",
  "--diff-code-delete-edit-background-color": "#f8514966",
  "--token-comment": "#8b949e",
  "--token-keyword": "#ff7b72",
  "--token-string": "#a5d6ff",
  "--token-function": "#d2a8ff",
  "--token-number": "#79c0ff",
  "--token-punctuation": "#8b949e",
};

export const diffStyles: SxProps<Theme> = {
  ...light,
  "@media (prefers-color-scheme: dark)": dark,
  "& .diff": { "--diff-font-family": "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace" },
  "& .diff-gutter": { color: "text.secondary" },
  "& .token.comment, & .token.prolog": { color: "var(--token-comment)", fontStyle: "italic" },
  "& .token.keyword, & .token.operator.arrow, & .token.boolean, & .token.important": { color: "var(--token-keyword)" },
  "& .token.string, & .token.template-string, & .token.regex, & .token.attr-value": { color: "var(--token-string)" },
  "& .token.function, & .token.class-name, & .token.tag": { color: "var(--token-function)" },
  "& .token.number, & .token.constant, & .token.property": { color: "var(--token-number)" },
  "& .token.punctuation": { color: "var(--token-punctuation)" },
};
