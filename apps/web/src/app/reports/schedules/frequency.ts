// The frequency picker's choices and the cron expression each stands for (minute hour day-of-month
// month day-of-week, read in the schedule's time zone). Reading a cron back gives the picker's
// choice for the simple forms, so the list can say "weekly on Monday at 09:00" instead of the cron.

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type Frequency =
  | { kind: 'daily'; time: string }
  | { kind: 'weekly'; weekday: Weekday; time: string }
  | { kind: 'monthly'; day: number; time: string }
  | { kind: 'custom'; cron: string };

export const KINDS = ['daily', 'weekly', 'monthly', 'custom'] as const;

/** "09:05" → [9, 5]; anything else → 09:00. */
function clock(time: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return [9, 0];
  return [Number(m[1]), Number(m[2])];
}

export function cronOf(f: Frequency): string {
  if (f.kind === 'custom') return f.cron.trim().replace(/\s+/g, ' ');
  const [h, m] = clock(f.time);
  if (f.kind === 'daily') return `${m} ${h} * * *`;
  if (f.kind === 'weekly') return `${m} ${h} * * ${WEEKDAYS.indexOf(f.weekday)}`;
  return `${m} ${h} ${Math.min(31, Math.max(1, Math.trunc(f.day) || 1))} * *`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The picker's choice for a cron it could have made; custom for everything else. */
export function frequencyOf(cron: string): Frequency {
  const parts = cron.trim().split(/\s+/);
  const whole = (s: string, max: number) => (/^\d{1,2}$/.test(s) && Number(s) <= max ? Number(s) : null);
  if (parts.length === 5) {
    const [mi, ho, dom, mon, dow] = parts;
    const m = whole(mi, 59);
    const h = whole(ho, 23);
    if (m !== null && h !== null && mon === '*') {
      const time = `${pad(h)}:${pad(m)}`;
      if (dom === '*' && dow === '*') return { kind: 'daily', time };
      const wd = whole(dow, 7);
      if (dom === '*' && wd !== null) return { kind: 'weekly', weekday: WEEKDAYS[wd % 7], time };
      const d = whole(dom, 31);
      if (d !== null && d >= 1 && dow === '*') return { kind: 'monthly', day: d, time };
    }
  }
  return { kind: 'custom', cron };
}

/** The time zones the schedule form offers: Russia's, its neighbours', and a few an agency's clients often work in. */
export const TIME_ZONES = [
  'Europe/Kaliningrad', 'Europe/Moscow', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Omsk', 'Asia/Novosibirsk', 'Asia/Krasnoyarsk',
  'Asia/Irkutsk', 'Asia/Yakutsk', 'Asia/Vladivostok', 'Asia/Magadan', 'Asia/Kamchatka',
  'Europe/Minsk', 'Asia/Almaty', 'Asia/Tashkent', 'Asia/Tbilisi', 'Asia/Yerevan', 'Asia/Baku', 'Europe/Istanbul', 'Asia/Dubai',
  'Europe/London', 'Europe/Berlin', 'UTC',
] as const;

/** "Europe/Moscow (GMT+3)": the offset as of now, as this locale writes it. */
export function zoneLabel(zone: string, locale: string): string {
  try {
    const offset = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
    return offset ? `${zone} (${offset})` : zone;
  } catch {
    return zone;
  }
}
