/** Whether `path` is a manifest or lockfile this review reads. */
export function isDependencyFile(path: string): boolean {
  return /(^|\/)(package\.json|package-lock\.json|npm-shrinkwrap\.json|requirements[^/]*\.txt|go\.mod)$/.test(path);
}
