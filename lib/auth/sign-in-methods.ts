import { env } from "@/lib/platform/env";

export type SignInMethods = { password: boolean; github: boolean };

/** Which ways of signing in this instance offers (one-time links always work). */
export function signInMethods(): SignInMethods {
  return {
    password: env.MERGELINE_LOCAL_ACCOUNTS === "true",
    github: Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET),
  };
}
