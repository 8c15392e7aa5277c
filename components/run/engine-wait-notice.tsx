import Alert from "@mui/material/Alert";
import AlertTitle from "@mui/material/AlertTitle";

/**
 * Shown while a run that has not ended waits for the pipeline engine (Inngest) to answer:
 * nothing moves it meanwhile, and it goes on by itself once the engine is back.
 */
export function EngineWaitNotice({ since, now }: { since: Date; now: Date }) {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  return (
    <Alert severity="warning" data-testid="run-waiting-for-engine" data-since={since.toISOString()}>
      <AlertTitle>Waiting for the pipeline engine</AlertTitle>
      The engine has not answered since <time dateTime={since.toISOString()}>{since.toLocaleTimeString("en-GB")}</time>
      {minutes > 0 ? ` (${minutes} min)` : ""}. Nothing moves this run until it does; the run then goes on by itself,
      and the server&apos;s health page says what is down.
    </Alert>
  );
}
