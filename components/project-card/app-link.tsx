"use client";
import Link, { type LinkProps } from "@mui/material/Link";
import NextLink from "next/link";

// MUI's Link rendered by Next's Link (client-side navigation). A client component because
// a server component cannot hand the NextLink function to MUI as its `component`.
export function AppLink({ href, ...props }: Omit<LinkProps, "component" | "href"> & { href: string }) {
  return <Link component={NextLink} href={href} {...props} />;
}
