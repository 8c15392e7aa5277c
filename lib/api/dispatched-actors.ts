import type { Actor } from "@/lib/auth/actor";

/**
 * The actor of each in-process API call (createApiDispatcher), authenticated by its caller
 * moments before from the same API key: the route takes it instead of looking the key up a
 * second time. Only requests the dispatcher made are keys here, so nothing from outside can
 * claim an actor; a key revoked meanwhile fails on the caller's next request, as ever.
 */
export const dispatchedActors = new WeakMap<Request, Actor>();
