import nodemailer from "nodemailer";
import { env } from "@/lib/platform/env";
import { emailMessage } from "./email-message";
import type { NotificationPayload } from "./notification-payload";
import type { SendOutcome } from "./send-outcome";

type Transport = ReturnType<typeof nodemailer.createTransport>;
let shared: { url: string; transport: Transport } | null = null;

// One pooled transport per SMTP URL: connections are reused across deliveries.
function transportFor(url: string): Transport {
  if (shared?.url !== url) {
    shared?.transport.close();
    const pooled = new URL(url);
    if (!pooled.searchParams.has("pool")) pooled.searchParams.set("pool", "true");
    shared = { url, transport: nodemailer.createTransport(pooled.toString()) };
  }
  return shared.transport;
}

/** Emails the notification to the destination's addresses through MERGELINE_SMTP_URL. */
export async function sendEmail({
  to,
  payload,
  smtpUrl = env.MERGELINE_SMTP_URL,
  from = env.MERGELINE_SMTP_FROM,
}: {
  to: string[];
  payload: NotificationPayload;
  smtpUrl?: string;
  from?: string;
}): Promise<SendOutcome> {
  const started = performance.now();
  const latencyMs = () => Math.round(performance.now() - started);
  if (!smtpUrl) return { ok: false, status: null, latencyMs: 0, error: "MERGELINE_SMTP_URL is not set" };
  try {
    const info = await transportFor(smtpUrl).sendMail({ from, to, ...emailMessage(payload) });
    const code = Number(/^(\d{3})/.exec(info.response ?? "")?.[1] ?? 250);
    if (info.rejected.length > 0)
      return { ok: false, status: code, latencyMs: latencyMs(), error: `Refused: ${info.rejected.join(", ")}` };
    return { ok: true, status: code, latencyMs: latencyMs(), error: null };
  } catch (error) {
    const code = error && typeof error === "object" && "responseCode" in error ? Number(error.responseCode) : null;
    return {
      ok: false,
      status: Number.isFinite(code) ? code : null,
      latencyMs: latencyMs(),
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
