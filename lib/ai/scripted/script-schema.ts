import { z } from "zod";

// The format of a scripted-model file (README.md beside this file documents it). A script
// is data a person writes by hand, so every mistake is reported with its path.

const jsonObject = z.record(z.string(), z.unknown());

export const scriptUsageSchema = z.strictObject({
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
});

export const scriptTurnSchema = z
  .strictObject({
    /** Free text the model says (for the coder, its last turn's text is the final summary). */
    text: z.string().optional(),
    /** Tool calls the model makes in this turn; the loop runs them and calls the model again. */
    toolCalls: z
      .array(z.strictObject({ toolName: z.string().min(1), input: jsonObject }))
      .min(1)
      .optional(),
    /** A structured answer (e.g. the plan), sent as JSON text like a real model's structured output. */
    object: z.unknown().optional(),
    /** Token counts to report; estimated from the prompt and output length when absent. */
    usage: scriptUsageSchema.optional(),
    /** Pause before answering (the abort signal cuts it short): lets demos and tests see progress. */
    delayMs: z.number().int().min(0).max(60_000).optional(),
  })
  .refine((turn) => turn.text !== undefined || turn.toolCalls !== undefined || turn.object !== undefined, {
    message: "a turn needs text, toolCalls or object",
  });

const turns = z.array(scriptTurnSchema).min(1);

export const scriptSchema = z.strictObject({
  /** Shown in the UI label: "Scripted model (<name>)". */
  name: z.string().min(1).max(100),
  description: z.string().optional(),
  /** Optional price, USD per million tokens; the scripted model is free otherwise. */
  price: z.strictObject({ inputPerMillion: z.number().min(0), outputPerMillion: z.number().min(0) }).optional(),
  plan: turns.optional(),
  /** One list of turns per coding attempt: attempt N plays entry N, the last entry repeats. */
  code: z.array(turns).min(1).optional(),
  judge: turns.optional(),
  /** "Chat with a project": every message a person sends plays these turns from the first. */
  chat: turns.optional(),
});

export type Script = z.infer<typeof scriptSchema>;
export type ScriptTurn = z.infer<typeof scriptTurnSchema>;
