import { env } from "@/lib/platform/env";

// Every preview and studio app has a stable address by host name: <label>.<domain>, with
// the label naming what it serves (pr-12--demo-cart, studio-<session id>). Browsers resolve
// *.localhost to this machine, so the default domain needs no DNS at all.

/** The preview domain, with its port when it has one: MERGELINE_PREVIEW_DOMAIN or preview.localhost:<PORT>. */
export function previewDomain(): string {
  return (env.MERGELINE_PREVIEW_DOMAIN ?? `preview.localhost:${env.PORT}`).toLowerCase();
}

/** https when the app's public URL is https (behind a TLS proxy), else http. */
export function previewProtocol(): "http" | "https" {
  return env.MERGELINE_PUBLIC_URL?.startsWith("https:") ? "https" : "http";
}

/** A project name as a DNS label part: lower case letters, digits and single hyphens, at most 40. */
export function projectSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug || "project";
}

export const pullRequestLabel = (number: number, projectName: string) => `pr-${number}--${projectSlug(projectName)}`;
export const studioLabel = (sessionId: string) => `studio-${sessionId}`;

/** The address people open: http(s)://<label>.<domain>. */
export function previewAddress(label: string): string {
  return `${previewProtocol()}://${label}.${previewDomain()}`;
}

export type PreviewTarget =
  | { kind: "pull_request"; number: number; projectSlug: string }
  | { kind: "studio"; sessionId: string };

const PULL_REQUEST_LABEL = /^pr-([1-9]\d{0,8})--([a-z0-9-]{1,40})$/;
const STUDIO_LABEL = /^studio-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * What a request's Host header names: the label of a preview host under the preview
 * domain, parsed; null for any other host (the app itself), so only those requests reach
 * the proxy.
 */
export function parsePreviewHost(
  host: string | undefined,
  domain = previewDomain(),
): {
  label: string;
  target: PreviewTarget | null;
} | null {
  if (!host) return null;
  const lower = host.toLowerCase();
  // The domain may be given with or without the port the request names.
  const bare = domain.replace(/:\d+$/, "");
  const hostBare = lower.replace(/:\d+$/, "");
  const suffix = `.${bare}`;
  if (!hostBare.endsWith(suffix)) return null;
  const label = hostBare.slice(0, -suffix.length);
  if (!label || label.includes(".")) return { label, target: null };
  const pr = PULL_REQUEST_LABEL.exec(label);
  if (pr) return { label, target: { kind: "pull_request", number: Number(pr[1]), projectSlug: pr[2]! } };
  const studio = STUDIO_LABEL.exec(label);
  if (studio) return { label, target: { kind: "studio", sessionId: studio[1]! } };
  return { label, target: null };
}
