/** The commit message of a studio edit, from the pattern (MERGELINE_STUDIO_COMMIT_MESSAGE). */
export function studioCommitMessage(pattern: string, description: string, at = new Date()): string {
  const oneLine = description.replace(/\s+/g, " ").trim().slice(0, 200) || "change";
  return pattern.replaceAll("{description}", oneLine).replaceAll("{timestamp}", at.toISOString());
}
