import type { FunctionConfig } from "./function-config";
import type { AppRecord } from "./store-queries";

export type RegisteredFunction = { appId: string; fn: FunctionConfig };

export type Registry = {
  /** Replaces an app's function set; true when it differs from what was known. */
  setApp(app: AppRecord): boolean;
  getApp(appId: string): AppRecord | undefined;
  getFunction(fnId: string): RegisteredFunction | undefined;
  functions(): RegisteredFunction[];
  apps(): AppRecord[];
};

/** The synced apps and their functions, in memory; the store holds the durable copy. */
export function createRegistry(initial: AppRecord[] = []): Registry {
  const apps = new Map<string, AppRecord>();
  let byFnId = new Map<string, RegisteredFunction>();

  const reindex = () => {
    byFnId = new Map();
    for (const app of apps.values()) {
      for (const fn of app.functions) byFnId.set(fn.id, { appId: app.appId, fn });
    }
  };

  for (const app of initial) apps.set(app.appId, app);
  reindex();

  return {
    setApp(app) {
      const previous = apps.get(app.appId);
      const modified =
        !previous || previous.url !== app.url || JSON.stringify(previous.functions) !== JSON.stringify(app.functions);
      apps.set(app.appId, app);
      reindex();
      return modified;
    },
    getApp: (appId) => apps.get(appId),
    getFunction: (fnId) => byFnId.get(fnId),
    functions: () => [...byFnId.values()],
    apps: () => [...apps.values()],
  };
}
