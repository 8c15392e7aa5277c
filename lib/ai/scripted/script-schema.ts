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

const regexSource = z.string().refine((source) => {
  try {
    new RegExp(source, "iu");
    return true;
  } catch {
    return false;
  }
}, "not a valid regular expression");

/**
 * The one task a script plays, for scripts that are honest about it (the demo's): a goal
 * that matches none of `match` is refused when the run is asked for, instead of getting a
 * plan for something else.
 */
export const scriptTaskSchema = z.strictObject({
  /** Short, for the list in the start-run dialog: "Add removeItem". */
  title: z.string().min(1).max(80),
  /** The goal the dialog fills in when the task is picked; it matches `match`. */
  goal: z.string().min(1).max(500),
  /** What the script changes and what a person will see, in a sentence or two. */
  explanation: z.string().min(1).max(1000),
  /** Case-insensitive regular expressions; a goal that matches one of them is this task. */
  match: z.array(regexSource).min(1),
  /**
   * How to tell that the task is already done on the base branch (a demo where its run was
   * merged): the file at `path` contains `contains`. A new run of it is then refused.
   */
  doneWhen: z.strictObject({ path: z.string().min(1), contains: z.string().min(1) }).optional(),
});

export const scriptSchema = z.strictObject({
  /** Shown in the UI label: "Scripted model (<name>)". */
  name: z.string().min(1).max(100),
  description: z.string().optional(),
  /** The task this script plays; without it the script plays whatever the goal (test scripts). */
  task: scriptTaskSchema.optional(),
  /** Optional price, USD per million tokens; the scripted model is free otherwise. */
  price: z.strictObject({ inputPerMillion: z.number().min(0), outputPerMillion: z.number().min(0) }).optional(),
  plan: turns.optional(),
  /** One list of turns per coding attempt: attempt N plays entry N, the last entry repeats. */
  code: z.array(turns).min(1).optional(),
  judge: turns.optional(),
  /**
   * The AI review of a PR: one list of turns per review of it (a run's attempt N, or the Nth
   * review asked for), the last repeating; its `object` is `{ findings: [...] }`.
   */
  review: z.array(turns).min(1).optional(),
  /** "Chat with a project": every message a person sends plays these turns from the first. */
  chat: turns.optional(),
});

/**
 * A script file holds one script, or a list of scripts that each play one task (the demo's
 * catalogue). In a list every script names its task, so each goal has one script or none.
 */
export const scriptCatalogueSchema = z
  .array(scriptSchema.required({ task: true }))
  .min(1)
  .max(50);

export type Script = z.infer<typeof scriptSchema>;
export type ScriptTask = z.infer<typeof scriptTaskSchema>;
export type ScriptTurn = z.infer<typeof scriptTurnSchema>;
