// A child of the launcher stops by itself if the launcher dies without a chance to stop
// it (kill -9), so no orphaned server keeps the ports or the database.
export function watchParent(onParentGone: () => void): void {
  const parentPid = Number(process.env.MERGELINE_PARENT_PID);
  if (!Number.isInteger(parentPid) || parentPid <= 1) return;
  const timer = setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch {
      clearInterval(timer);
      onParentGone();
    }
  }, 1000);
  timer.unref();
}
