import { catFileBatch } from "@/lib/workspaces/cat-file-batch";

/**
 * The contents of blobs of the mirror, by id, read through one git process. Ids git does
 * not have are missing from the result.
 */
export async function readBlobs(mirrorDir: string, blobShas: string[]): Promise<Map<string, Buffer>> {
  const objects = await catFileBatch(mirrorDir, blobShas);
  const blobs = new Map<string, Buffer>();
  blobShas.forEach((sha, i) => {
    const object = objects[i];
    if (object?.type === "blob") blobs.set(sha, object.content);
  });
  return blobs;
}
