import { headers } from "next/headers";
import { clientIp } from "@/lib/platform/http/client-ip";

/** The current request's client address, as the REST API sees it (see clientIp); for pages and server actions. */
export async function requestIp(): Promise<string | null> {
  return clientIp(new Request("http://mergeline.invalid/", { headers: await headers() }));
}
