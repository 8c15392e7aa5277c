/**
 * A path as the repository knows it: relative to the workspace root, `/`-separated, without
 * `./`. Undefined for a path outside the workspace (a dependency in a global cache, the
 * runtime's own files) or one that climbs out of it.
 */
export function workspacePath(file: string, workspace?: string): string | undefined {
  let path = file.replaceAll("\\", "/");
  if (path.startsWith("file://")) path = path.slice(7);
  if (path.startsWith("/") || /^[A-Za-z]:\//.test(path)) {
    if (!workspace) return undefined;
    const root = workspace.replaceAll("\\", "/").replace(/\/+$/, "");
    if (!path.startsWith(`${root}/`)) return undefined;
    path = path.slice(root.length + 1);
  }
  while (path.startsWith("./")) path = path.slice(2);
  if (
    path === "" ||
    path.split("/").includes("..") ||
    path.includes("/node_modules/") ||
    path.startsWith("node_modules/")
  )
    return undefined;
  return path;
}
