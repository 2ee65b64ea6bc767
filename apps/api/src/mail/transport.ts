import nodemailer from "nodemailer";

/** One e-mail as the dispatcher hands it over; `id` is the outbox row's. */
export type OutgoingMail = { id: string; to: string; subject: string; text: string; html: string };

/** What the dispatcher needs from a mail transport (nodemailer's SMTP transport in production). */
export type MailTransport = {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
};

/** The host part of an address such as `Shop <orders@shop.example>`. */
function domainOf(address: string): string {
  return /@([^>\s]+)>?\s*$/.exec(address)?.[1] ?? "waybill.invalid";
}

/**
 * SMTP through nodemailer. The Message-ID is derived from the outbox row, so the rare resend after a crash
 * between "sent" and "marked sent" carries the same id and mail systems that dedupe on it drop it.
 */
export function createSmtpTransport(settings: { smtpUrl: string; from: string }): MailTransport {
  const transporter = nodemailer.createTransport(settings.smtpUrl, { from: settings.from });
  const domain = domainOf(settings.from);
  return {
    async send(mail) {
      await transporter.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<outbox.${mail.id}@${domain}>`,
      });
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * Whether retrying the same message can succeed. SMTP 5xx replies are permanent (550 no such mailbox),
 * except 503 (bad command sequence: a new connection fixes it); 4xx (421 service unavailable, 450 mailbox
 * busy) and connection failures are transient.
 */
export function isPermanentMailError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { permanent, responseCode } = error as { permanent?: unknown; responseCode?: unknown };
  if (typeof permanent === "boolean") return permanent;
  return (
    typeof responseCode === "number" &&
    responseCode >= 500 &&
    responseCode < 600 &&
    responseCode !== 503
  );
}

/** A short, secret-free description for the admin's outbox view. */
export function describeMailError(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error).slice(0, 500);
  const { responseCode, code, message } = error as {
    responseCode?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const prefix =
    typeof responseCode === "number"
      ? `${responseCode} `
      : typeof code === "string"
        ? `${code}: `
        : "";
  return `${prefix}${String(message ?? error)}`.slice(0, 500);
}
