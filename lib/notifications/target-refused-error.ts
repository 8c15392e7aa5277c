/** A notification target whose address is private, loopback or link-local (and that is not allowed). */
export class TargetRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetRefusedError";
  }
}
