import { Cron } from "croner";

/** Whether croner accepts a pattern; checked before an account's schedule is saved. */
export function isValidCronPattern(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}
