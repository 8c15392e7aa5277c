const types: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".log": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
};

/** The content type an artifact is served with; unknown kinds download as bytes. */
export function artifactContentType(name: string): string {
  const dot = name.lastIndexOf(".");
  return (dot >= 0 && types[name.slice(dot).toLowerCase()]) || "application/octet-stream";
}
