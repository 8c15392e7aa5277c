"use client";
import Chip, { type ChipProps } from "@mui/material/Chip";
import NextLink from "next/link";

type LinkChipProps = Pick<ChipProps, "size" | "variant" | "color" | "label"> & { href: string; "data-testid"?: string };

/** A clickable MUI Chip that navigates with Next's Link (usable from server components). */
export function LinkChip({ href, ...props }: LinkChipProps) {
  return <Chip component={NextLink} href={href} clickable {...props} />;
}
