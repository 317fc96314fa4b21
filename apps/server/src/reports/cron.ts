// Schedules are five-field cron expressions read in an IANA time zone ("0 9 * * 1" in
// Europe/Moscow: Mondays at 09:00 Moscow time, whatever the server's zone).
import { CronExpressionParser } from 'cron-parser';
import { invalid } from '../common/problem.js';

export function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The first time after `after` the schedule fires; throws a 400 naming the field when it is not valid. */
export function nextRun(cron: string, timezone: string, after: Date, field = 'cron'): Date {
  if (!validZone(timezone)) throw invalid('timezone', 'an IANA time zone such as Europe/Moscow');
  if (cron.trim().split(/\s+/).length !== 5) throw invalid(field, 'five fields: minute hour day-of-month month day-of-week');
  try {
    return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone }).next().toDate();
  } catch (err) {
    throw invalid(field, (err as Error).message);
  }
}
