import type { Ecosystem } from "@/lib/reviews/types";

/** How packages are keyed: PyPI names are case- and separator-insensitive (PEP 503). */
export function packageKey(ecosystem: Ecosystem | string, name: string): string {
  return ecosystem === "PyPI" ? `PyPI:${name.toLowerCase().replace(/[._-]+/g, "-")}` : `${ecosystem}:${name}`;
}
