type Json = unknown;

const isPlainObject = (value: Json): value is Record<string, Json> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Deep-merges a partial settings document into the current one: objects merge key by
 * key, anything else (arrays, null, numbers) replaces, and undefined leaves the value.
 * Null is a value here (previewCommand: null turns previews off), not a deletion.
 */
export function mergeSettings(current: Json, patch: Json): Json {
  if (!isPlainObject(current) || !isPlainObject(patch)) return patch === undefined ? current : patch;
  const merged: Record<string, Json> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) merged[key] = mergeSettings(current[key], value);
  }
  return merged;
}
