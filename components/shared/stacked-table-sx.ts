import type { SxProps, Theme } from "@mui/material/styles";

// theme.breakpoints.down("sm"), written out: an sx given by a server component to a client
// one (a Table) must be plain data, not a function of the theme.
const phone = "@media (max-width:599.95px)";

/**
 * For a <Table> on a phone: each row becomes a block and each cell a line led by its
 * column's name (the cell's `data-label`), so nothing sits off-screen and no column is
 * squeezed to a few characters. The header row stays for screen readers only. From the
 * `sm` breakpoint up it is a table again, scrolling inside its container when too wide.
 */
export const stackedTableSx: SxProps<Theme> = {
  [phone]: {
    "& thead": {
      position: "absolute",
      width: "1px",
      height: "1px",
      overflow: "hidden",
      clip: "rect(0 0 0 0)",
      whiteSpace: "nowrap",
    },
    "& tbody, & tr, & td": { display: "block", width: "100%" },
    "& tbody tr": { py: 1, borderBottom: 1, borderColor: "divider" },
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
      typography: "caption",
      color: "text.secondary",
      fontWeight: 600,
    },
  },
};
