// Names a studio session is known by on disk and in git. Session ids are uuids, so the
// names are safe as directory names and branch names alike.

/** The session's branch in the repository. */
export const studioBranch = (sessionId: string) => `studio/${sessionId}`;

/** The name of the session's working copy under $MERGELINE_DATA_DIR/workspaces (the sweep reads it back). */
export const studioWorkspaceName = (sessionId: string) => `studio-${sessionId}`;

const WORKSPACE_NAME = /^studio-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The session id of a studio working copy's directory name, or null for any other name. */
export function studioSessionIdOf(workspaceName: string): string | null {
  return WORKSPACE_NAME.exec(workspaceName)?.[1]?.toLowerCase() ?? null;
}
