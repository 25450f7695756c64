/**
 * Wall-clock time in Copenhagen (Europe/Copenhagen, with summer time), through Intl: office hours
 * are local hours, so a 09:00 slot is 08:00 UTC in winter and 07:00 UTC in summer. A fixed +01:00
 * would put every summer slot an hour late.
 */
export const COPENHAGEN = 'Europe/Copenhagen';

export interface LocalDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: COPENHAGEN,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
});

function localParts(epoch: number): LocalDate & { hour: number; minute: number } {
  const get = (type: string): number =>
    Number(partsFormat.formatToParts(epoch).find((p) => p.type === type)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** The calendar date in Copenhagen at `epoch`. */
export function copenhagenDate(epoch: number): LocalDate {
  const { year, month, day } = localParts(epoch);
  return { year, month, day };
}

/** How far Copenhagen's wall clock is ahead of UTC at `epoch`, in ms (whole minutes). */
function offsetAt(epoch: number): number {
  const p = localParts(epoch);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(epoch / 60_000) * 60_000;
}

/**
 * The instant when Copenhagen's clock shows `hour:minute` on `date`. Correct for every office
 * hour; in the skipped or doubled hour of a summer-time change (02:00–03:00) it picks one side.
 */
export function copenhagenEpoch(date: LocalDate, hour: number, minute: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Monday to Friday. */
export function isWeekday(date: LocalDate): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}
