import type { ActionResult } from "@/lib/platform/run-action";

/**
 * A server action as a component calls it: the input it sends and the { ok } or { error }
 * it gets back. Pages import the actions from app/ and pass them down; any action whose
 * input accepts what the component sends fits.
 */
export type ServerAction<Input, Output extends object = object> = (input: Input) => Promise<ActionResult<Output>>;
