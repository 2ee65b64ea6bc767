import { Cron } from "croner";
import type { AppDeps } from "../deps";
import { pruneExpiredSessions } from "./prune-sessions";

/** The only place that schedules: each job is a plain function tested on its own. */
export function startJobs(deps: AppDeps): { stop(): void } {
  const catchError = (error: unknown, job: Cron) =>
    deps.logger.error("scheduled job failed", { job: job.name, error: String(error) });

  const jobs = [
    new Cron("17 * * * *", { name: "prune-sessions", protect: true, catch: catchError }, () => {
      pruneExpiredSessions({ db: deps.db, logger: deps.logger, now: deps.now() });
    }),
  ];
  return {
    stop() {
      for (const job of jobs) job.stop();
    },
  };
}
