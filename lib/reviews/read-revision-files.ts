import { catFileBatch } from "@/lib/workspaces/cat-file-batch";

/**
 * Files at a revision of a bare repository (`<rev>:<path>`), in the order asked, as text;
 * null for a path the revision lacks (or that is not a file).
 */
export async function readRevisionFiles(gitDir: string, specs: string[]): Promise<(string | null)[]> {
  const objects = await catFileBatch(gitDir, specs);
  return objects.map((object) => (object?.type === "blob" ? object.content.toString("utf8") : null));
}
