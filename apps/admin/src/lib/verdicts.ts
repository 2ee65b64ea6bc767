import type { BadgeTone } from "@waybill/ui";

/** Webhook delivery verdicts (`WEBHOOK_VERDICTS` in the db schema) as an admin reads them. */
export const VERDICT_LOOK: Record<string, { label: string; tone: BadgeTone; hint: string }> = {
  received: { label: "Received", tone: "neutral", hint: "Stored, not processed yet" },
  accepted: { label: "Accepted", tone: "success", hint: "Authenticated and applied" },
  duplicate: { label: "Duplicate", tone: "info", hint: "Nothing new: already applied" },
  unmatched: { label: "Unmatched", tone: "warning", hint: "No shipment of ours has that number" },
  rejected: { label: "Rejected", tone: "danger", hint: "Failed authentication (401)" },
  failed: { label: "Failed", tone: "danger", hint: "Malformed, or an error while applying" },
};

export const VERDICTS = Object.keys(VERDICT_LOOK);
