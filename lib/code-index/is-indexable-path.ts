// What the code index reads: text files of the repository's own code and documents. Left
// out: dependencies and build output committed to the repository, lockfiles, binary formats
// (by extension here; by content, a NUL byte, when read) and files over MAX_FILE_BYTES.

export const MAX_FILE_BYTES = 1024 * 1024;

const skippedDirectories = new Set([
  "node_modules",
  "bower_components",
  "vendor",
  "dist",
  "build",
  "coverage",
  ".next",
  ".nuxt",
  ".git",
  "__pycache__",
  ".venv",
  "venv",
  ".tox",
  "target",
]);

const skippedFiles = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lock",
  "bun.lockb",
  "go.sum",
  "Cargo.lock",
  "poetry.lock",
  "Pipfile.lock",
  "composer.lock",
  "Gemfile.lock",
]);

const binaryExtension =
  /\.(png|jpe?g|gif|webp|avif|ico|bmp|tiff?|psd|svgz|woff2?|ttf|otf|eot|mp[34]|m4a|wav|ogg|flac|webm|mov|avi|mkv|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|dll|so|dylib|exe|bin|o|a|lib|pyc|pyo|wasm|pdf|docx?|xlsx?|pptx?|sqlite3?|db|map|min\.js|min\.css)$/i;

/** Whether a file of the tree is indexed, by its path and size. */
export function isIndexablePath(path: string, size: number): boolean {
  if (size > MAX_FILE_BYTES) return false;
  const parts = path.split("/");
  const name = parts.at(-1) ?? "";
  if (skippedFiles.has(name) || binaryExtension.test(name)) return false;
  return !parts.slice(0, -1).some((part) => skippedDirectories.has(part));
}
