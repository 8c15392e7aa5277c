"use client";
import Button, { type ButtonProps } from "@mui/material/Button";
import NextLink from "next/link";

type LinkButtonProps = Pick<ButtonProps, "variant" | "size" | "color" | "startIcon" | "children"> & {
  href: string;
  scroll?: boolean;
};

/** An MUI Button that navigates with Next's Link (usable from server components). */
export function LinkButton({ href, scroll, ...props }: LinkButtonProps) {
  return <Button component={NextLink} href={href} scroll={scroll} {...props} />;
}
