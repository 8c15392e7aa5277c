import http from "node:http";
import https from "node:https";

export type PostAnswer = { status: number; header(name: string): string | null; text(): Promise<string> };

// Calls reuse connections, as fetch would.
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

/**
 * POSTs a body and resolves once the answer's headers are in; rejects when no answer
 * started (refused, reset, aborted). node:http rather than fetch: fetch gives up waiting
 * for headers after 5 minutes, and a pipeline step may run for an hour before it answers.
 */
export function postJson(
  url: string,
  { headers, body, signal }: { headers: Record<string, string>; body: string; signal: AbortSignal },
): Promise<PostAnswer> {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request(
      target,
      {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        const text = new Promise<string>((done, fail) => {
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => done(Buffer.concat(chunks).toString("utf8")));
          response.on("error", fail);
          response.on("aborted", () => fail(new Error("the app closed the connection mid-answer")));
        });
        // Read from now on, so the body is not lost while the caller looks at the status.
        text.catch(() => undefined);
        resolve({
          status: response.statusCode ?? 0,
          header: (name) => {
            const value = response.headers[name.toLowerCase()];
            return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
          },
          text: () => text,
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
