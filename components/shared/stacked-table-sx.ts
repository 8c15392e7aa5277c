import type { SxProps, Theme } from "@mui/material/styles";

/**
 * For a <Table> on a phone: each row becomes a block and each cell a line led by its
 * column's name (the cell's `data-label`), so nothing sits off-screen and no column is
 * squeezed to a few characters. The header row stays for screen readers only. From the
 * `sm` breakpoint up it is a table again, scrolling inside its container when too wide.
 */
export const stackedTableSx: SxProps<Theme> = (theme) => ({
  [theme.breakpoints.down("sm")]: {
    "& thead": {
      position: "absolute",
      width: 1,
      height: 1,
      overflow: "hidden",
      clip: "rect(0 0 0 0)",
      whiteSpace: "nowrap",
    },
    "& tbody, & tr, & td": { display: "block", width: "100%" },
    "& tbody tr": { py: 1, borderBottom: `1px solid ${theme.palette.divider}` },
    "& tbody tr:last-of-type": { borderBottom: 0 },
    "& td": {
      border: 0,
      py: 0.25,
      px: 2,
      maxWidth: "none",
      textAlign: "left",
      overflowWrap: "anywhere",
      whiteSpace: "normal",
    },
    "& td[data-label]::before": {
      content: "attr(data-label)",
      display: "inline-block",
      minWidth: 96,
      mr: 1,
      color: theme.palette.text.secondary,
      fontSize: "0.75rem",
      fontWeight: 600,
    },
  },
});
