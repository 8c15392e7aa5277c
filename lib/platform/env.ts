import { type Env, parseEnv } from "@/lib/platform/env-schema";

export { type Env, EnvError, parseEnv } from "@/lib/platform/env-schema";

// The only place that reads process.env. Every setting is validated once, when the
// process starts; a wrong value stops it with a message naming the variable.
export const env: Env = parseEnv(process.env);

// Not a setting, but child processes (git, sandboxed commands) need the host's PATH.
export const systemPath: string = process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin";
