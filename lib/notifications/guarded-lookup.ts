import dns, { type LookupAddress, type LookupOptions } from "node:dns";
import { isPrivateAddress } from "./is-private-address";
import { TargetRefusedError } from "./target-refused-error";

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * dns.lookup for sockets to user-given hosts: resolves every address, and refuses the
 * connection when any of them is private, loopback or link-local, so the address checked
 * is the address connected to (no DNS rebinding between a check and the request).
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const refused = addresses.find((entry) => isPrivateAddress(entry.address));
    if (refused) {
      return callback(
        new TargetRefusedError(`${hostname} resolves to ${refused.address}, a private, loopback or link-local address`),
        [],
      );
    }
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), []);
    callback(null, first.address, first.family);
  });
}
