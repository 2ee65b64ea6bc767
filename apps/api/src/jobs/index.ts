import { Cron } from "croner";
import type { AppDeps } from "../deps";
import { createSmtpTransport } from "../mail/transport";
import { sendDueEmails } from "./outbox";
import { pruneLogs } from "./prune-logs";
import { pruneExpiredSessions } from "./prune-sessions";
import {
  activeSyncSchedules,
  planSyncJobs,
  recoverInterruptedRuns,
  runScheduledSync,
} from "./sync";

/** The only place that schedules: each job is a plain function tested on its own. */
export function startJobs(deps: AppDeps): { stop(): void } {
  const catchError = (error: unknown, job: Cron) =>
    deps.logger.error("scheduled job failed", { job: job.name, error: String(error) });

  const jobs = [
    new Cron("17 * * * *", { name: "prune-sessions", protect: true, catch: catchError }, () => {
      pruneExpiredSessions({ db: deps.db, logger: deps.logger, now: deps.now() });
    }),
    new Cron("23 3 * * *", { name: "prune-logs", protect: true, catch: catchError }, () => {
      pruneLogs({ db: deps.db, logger: deps.logger, now: deps.now() });
    }),
  ];
  // Without SMTP_URL, e-mails wait in the outbox (the admin app previews them).
  const mailTransport = deps.mail ? createSmtpTransport(deps.mail) : null;
  if (mailTransport) {
    jobs.push(
      new Cron(
        "*/5 * * * * *",
        { name: "send-emails", protect: true, catch: catchError },
        async () => {
          await sendDueEmails(deps, mailTransport);
        },
      ),
    );
  }

  // One job per active account on its own schedule; the set follows account edits within a minute.
  const syncJobs = new Map<string, { pattern: string; job: Cron }>();
  const reconcileSyncJobs = () => {
    recoverInterruptedRuns({ db: deps.db, logger: deps.logger, now: deps.now() });
    const running = new Map([...syncJobs].map(([id, entry]) => [id, entry.pattern]));
    const plan = planSyncJobs(running, activeSyncSchedules(deps.db));
    for (const accountId of plan.stop) {
      syncJobs.get(accountId)?.job.stop();
      syncJobs.delete(accountId);
    }
    for (const { accountId, pattern } of plan.start) {
      const options = { name: `sync:${accountId}`, protect: true, catch: catchError };
      try {
        const job = new Cron(pattern, options, () => runScheduledSync(deps, accountId));
        syncJobs.set(accountId, { pattern, job });
      } catch (error) {
        // Patterns are validated on save; one that slipped through must not stop the other accounts.
        deps.logger.error("sync schedule refused", { accountId, pattern, error: String(error) });
      }
    }
  };
  reconcileSyncJobs();
  jobs.push(
    new Cron("* * * * *", { name: "sync-reconcile", protect: true, catch: catchError }, () =>
      reconcileSyncJobs(),
    ),
  );

  return {
    stop() {
      for (const job of jobs) job.stop();
      for (const { job } of syncJobs.values()) job.stop();
      mailTransport?.close();
    },
  };
}
