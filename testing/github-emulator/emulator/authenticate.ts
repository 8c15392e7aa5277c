import type { IncomingHttpHeaders } from "node:http";
import { decodeJwt, importSPKI, jwtVerify } from "jose";
import type { AppInfo, Auth } from "./context";
import { HttpError } from "./context";
import type { EmulatorState } from "./state";

/** Reads `Authorization` (bearer App JWT or installation token); bad credentials are a 401. */
export async function authenticate(headers: IncomingHttpHeaders, app: AppInfo, state: EmulatorState): Promise<Auth> {
  const header = headers.authorization;
  if (!header) return { kind: "none" };
  const match = /^(?:bearer|token)\s+(\S+)$/i.exec(header);
  if (!match) throw new HttpError(401, "Bad credentials");
  const credential = match[1];
  if (credential.split(".").length === 3) {
    try {
      const key = await importSPKI(app.publicKeyPem, "RS256");
      await jwtVerify(credential, key, { algorithms: ["RS256"], clockTolerance: 60 });
    } catch {
      throw new HttpError(401, "A JSON web token could not be decoded");
    }
    const claims = decodeJwt(credential);
    if (String(claims.iss) !== String(app.id)) throw new HttpError(401, "'Issuer' claim ('iss') must be an Integer");
    if (typeof claims.exp !== "number" || typeof claims.iat !== "number" || claims.exp - claims.iat > 660)
      throw new HttpError(401, "'Expiration time' claim ('exp') is too far in the future");
    return { kind: "app" };
  }
  const token = state.tokens.get(credential);
  if (!token || token.expiresAt <= Date.now()) throw new HttpError(401, "Bad credentials");
  const installation = state.installations.get(token.installationId);
  if (!installation || installation.suspended) throw new HttpError(401, "Bad credentials");
  return { kind: "installation", installation, token: credential };
}

/** Basic `x-access-token:<installation token>` for git over HTTP; null when not acceptable. */
export function gitCredential(headers: IncomingHttpHeaders, state: EmulatorState): { installationId: number } | null {
  const match = /^basic\s+(\S+)$/i.exec(headers.authorization ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (decoded.slice(0, colon) !== "x-access-token") return null;
  const token = state.tokens.get(decoded.slice(colon + 1));
  if (!token || token.expiresAt <= Date.now()) return null;
  return { installationId: token.installationId };
}
