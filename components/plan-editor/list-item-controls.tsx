"use client";
import ArrowDownwardRounded from "@mui/icons-material/ArrowDownwardRounded";
import ArrowUpwardRounded from "@mui/icons-material/ArrowUpwardRounded";
import DeleteOutlineRounded from "@mui/icons-material/DeleteOutlineRounded";
import IconButton from "@mui/material/IconButton";
import Stack from "@mui/material/Stack";

/** Move up, move down and remove buttons for one row of an editable list. */
export function ListItemControls({
  label,
  index,
  count,
  minCount,
  onMove,
  onRemove,
}: {
  /** Names the row for screen readers, e.g. "step 2". */
  label: string;
  index: number;
  count: number;
  minCount: number;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
}) {
  return (
    <Stack direction="row" sx={{ alignSelf: "flex-start" }}>
      <IconButton
        size="small"
        aria-label={`Move ${label} up`}
        disabled={index === 0}
        onClick={() => onMove(index, index - 1)}
      >
        <ArrowUpwardRounded fontSize="small" />
      </IconButton>
      <IconButton
        size="small"
        aria-label={`Move ${label} down`}
        disabled={index === count - 1}
        onClick={() => onMove(index, index + 1)}
      >
        <ArrowDownwardRounded fontSize="small" />
      </IconButton>
      <IconButton
        size="small"
        aria-label={`Remove ${label}`}
        disabled={count <= minCount}
        onClick={() => onRemove(index)}
      >
        <DeleteOutlineRounded fontSize="small" />
      </IconButton>
    </Stack>
  );
}
