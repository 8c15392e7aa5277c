"use client";
import { createTheme } from "@mui/material/styles";

// Light and dark palettes as CSS variables, chosen by the system's prefers-color-scheme,
// so the right one is painted first with no flash and no script.
// Every status colour carries text at WCAG AA (4.5:1) both as a chip's background and as
// text on the page: MUI's default warning (#ed6c02, 3.1:1 under white) and info (#0288d1,
// 3.9:1) do not, so they are a shade darker here (light) or lighter with dark text (dark),
// and contrastThreshold 4.5 makes MUI pick the chip's text colour by the same rule.
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: "media" },
  colorSchemes: {
    light: {
      palette: {
        contrastThreshold: 4.5,
        primary: { main: "#4338ca" },
        secondary: { main: "#0f766e" },
        warning: { main: "#c2410c" },
        info: { main: "#0369a1" },
        success: { main: "#2e7d32" },
        error: { main: "#c62828" },
        background: { default: "#f6f7fb" },
      },
    },
    dark: {
      palette: {
        contrastThreshold: 4.5,
        primary: { main: "#a5b4fc" },
        secondary: { main: "#5eead4" },
        warning: { main: "#fb923c" },
        info: { main: "#7dd3fc" },
        success: { main: "#86efac" },
        error: { main: "#fca5a5" },
        background: { default: "#0f1117", paper: "#171a22" },
      },
    },
  },
  shape: { borderRadius: 10 },
  typography: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    h1: { fontSize: "1.75rem", fontWeight: 650 },
    h2: { fontSize: "1.25rem", fontWeight: 600 },
    // Sentence case: "Merge pull request", not "MERGE PULL REQUEST".
    button: { textTransform: "none", fontWeight: 600 },
  },
  components: {
    MuiCard: { defaultProps: { variant: "outlined" } },
    MuiButton: { defaultProps: { disableElevation: true } },
  },
});
