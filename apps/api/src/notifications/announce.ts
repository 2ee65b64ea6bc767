import { createId, type Db, schema, type Tx } from "@waybill/db";
import { sql } from "drizzle-orm";
import { preparedQuery } from "../lib/prepared";
import {
  MILESTONE_COPY,
  type Milestone,
  type MilestoneContext,
  renderMilestoneEmail,
} from "../tracking/milestones";
import { insertNotification } from "./notify";

const { outbox } = schema;
const p = sql.placeholder;

const insertEmail = preparedQuery((db) =>
  db
    .insert(outbox)
    .values({
      id: p("id"),
      orderId: p("orderId"),
      to: p("to"),
      subject: p("subject"),
      textBody: p("textBody"),
      htmlBody: p("htmlBody"),
      dedupeKey: p("dedupeKey"),
      nextAttemptAt: p("nextAttemptAt"),
      createdAt: p("createdAt"),
    })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .prepare(),
);

/**
 * Tells the customer about a milestone: the notification (with its resumable event) and, unless the order
 * opted out, the e-mail, both keyed by `dedupeKey` so the same fact is never announced twice.
 */
export function announceMilestone(
  db: Db | Tx,
  input: {
    milestone: Milestone;
    context: MilestoneContext;
    order: { id: string; userId: string; contactEmail: string; emailOptOut: boolean };
    dedupeKey: string;
    now: Date;
  },
): void {
  const { milestone, context, order, dedupeKey, now } = input;
  const copy = MILESTONE_COPY[milestone];
  insertNotification(db, {
    userId: order.userId,
    orderId: order.id,
    category: copy.category,
    title: copy.title,
    body: copy.body(context),
    dedupeKey,
    now,
  });
  if (order.emailOptOut) return;
  const email = renderMilestoneEmail(milestone, context);
  insertEmail(db).run({
    id: createId(),
    orderId: order.id,
    to: order.contactEmail,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
    dedupeKey: `email:${dedupeKey}`,
    nextAttemptAt: now,
    createdAt: now,
  });
}
