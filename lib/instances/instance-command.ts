// What one app instance can ask of every instance sharing its database: a kind, the id of
// what it is about (its target), and a little data. Each kind is handled by the code that
// owns the processes concerned, in whichever instance runs them. A new kind is added here.
export type InstanceCommandKinds = {
  /** Abort every sandboxed command of the run (target: run id). */
  "run.abort": { reason: string };
  /** Stop the run's previews (target: run id), all or all but one. */
  "preview.stop": { reason: string; exceptId?: string };
  /** Stop a studio session's dev server and remove its workspace (target: session id). */
  "studio.stop": { reason: string };
};

export type InstanceCommandKind = keyof InstanceCommandKinds;

export type InstanceCommand<K extends InstanceCommandKind = InstanceCommandKind> = {
  kind: K;
  target: string;
  data: InstanceCommandKinds[K];
  /** The instance that sent it. */
  sender: string;
  /**
   * When it was sent (the database's clock). A handler acts only on what existed then: a
   * command caught up on after a reconnect must not stop a preview started after it.
   */
  sentAt: Date;
};
