"use client";
import { createTheme } from "@mui/material/styles";

// Light and dark palettes as CSS variables, chosen by the system's prefers-color-scheme,
// so the right one is painted first with no flash and no script.
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: "media" },
  colorSchemes: {
    light: {
      palette: { primary: { main: "#4338ca" }, secondary: { main: "#0f766e" }, background: { default: "#f6f7fb" } },
    },
    dark: {
      palette: {
        primary: { main: "#a5b4fc" },
        secondary: { main: "#5eead4" },
        background: { default: "#0f1117", paper: "#171a22" },
      },
    },
  },
  shape: { borderRadius: 10 },
  typography: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    h1: { fontSize: "1.75rem", fontWeight: 650 },
    h2: { fontSize: "1.25rem", fontWeight: 600 },
  },
  components: {
    MuiCard: { defaultProps: { variant: "outlined" } },
    MuiButton: { defaultProps: { disableElevation: true } },
  },
});
