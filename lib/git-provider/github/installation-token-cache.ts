export type InstallationToken = { token: string; expiresAt: Date };

export type InstallationTokenCache = {
  /** A token for the installation, minted only when none is cached or the cached one is about to expire. */
  get(installationId: number): Promise<InstallationToken>;
  /** Forgets the installation's token (GitHub said 401: revoked or the installation changed). */
  invalidate(installationId: number): void;
};

// GitHub's installation tokens live an hour. One is reused until this long before it
// expires, so no request or git push starts with a token that dies mid-way.
export const DEFAULT_REFRESH_BEFORE_MS = 5 * 60 * 1000;

/**
 * Caches installation tokens per installation. Concurrent callers share one mint; a
 * failed mint is not cached.
 */
export function createInstallationTokenCache({
  mint,
  refreshBeforeMs = DEFAULT_REFRESH_BEFORE_MS,
  now = () => Date.now(),
}: {
  mint: (installationId: number) => Promise<InstallationToken>;
  refreshBeforeMs?: number;
  now?: () => number;
}): InstallationTokenCache {
  const tokens = new Map<number, InstallationToken>();
  const minting = new Map<number, Promise<InstallationToken>>();

  return {
    async get(installationId) {
      const cached = tokens.get(installationId);
      if (cached && cached.expiresAt.getTime() - refreshBeforeMs > now()) return cached;
      const pending = minting.get(installationId);
      if (pending) return pending;
      const fresh = mint(installationId)
        .then((token) => {
          tokens.set(installationId, token);
          return token;
        })
        .finally(() => minting.delete(installationId));
      minting.set(installationId, fresh);
      return fresh;
    },
    invalidate(installationId) {
      tokens.delete(installationId);
    },
  };
}
