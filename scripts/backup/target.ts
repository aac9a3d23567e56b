/**
 * Recovery targets for point-in-time restore (pure): `--at "2026-12-03 14:05"` is a wall-clock
 * minute in Vietnam (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving), which PostgreSQL's
 * recovery_target_time receives as a timestamptz with an explicit offset, so the server's own
 * TimeZone setting cannot shift it. An explicit offset or Z in the input is kept as given.
 */

export const VIETNAM_OFFSET_MINUTES = 7 * 60;

export interface RecoveryTarget {
  /** The instant, UTC. */
  at: Date;
  /** For recovery_target_time: `2026-12-03 14:05:00+07` (Vietnam wall clock, explicit offset). */
  pg: string;
  /** For people: `2026-12-03 14:05:00 (UTC+7) = 2026-12-03 07:05:00 UTC`. */
  label: string;
}

export class TargetError extends Error {}

const FORM = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Parses `YYYY-MM-DD HH:MM[:SS][Z|+HH[:MM]]`; without an offset the time is Vietnam time. */
export function parseRecoveryTarget(input: string): RecoveryTarget {
  const m = FORM.exec(input.trim());
  if (!m) throw new TargetError(`--at: expected "YYYY-MM-DD HH:MM" (Vietnam time) or with seconds and an offset, got ${JSON.stringify(input)}`);
  const [, y, mo, d, h, mi, s, off] = m;
  const nums = [y, mo, d, h, mi, s ?? '0'].map(Number) as [number, number, number, number, number, number];
  const [year, month, day, hour, minute, second] = nums;
  if (month < 1 || month > 12) throw new TargetError(`--at: month ${month} does not exist`);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) throw new TargetError(`--at: ${year}-${mo} has no day ${day}`);
  if (hour > 23 || minute > 59 || second > 59) throw new TargetError(`--at: ${h}:${mi}${s ? `:${s}` : ''} is not a time of day`);
  const offsetMinutes = off === undefined ? VIETNAM_OFFSET_MINUTES : parseOffset(off);
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000);
  return fromInstant(at);
}

function parseOffset(off: string): number {
  if (off === 'Z') return 0;
  const sign = off.startsWith('-') ? -1 : 1;
  const digits = off.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) throw new TargetError(`--at: offset ${off} does not exist`);
  return sign * (hours * 60 + minutes);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Vietnam wall clock of an instant: `2026-12-03 14:05:00`. */
export function vietnamWallClock(at: Date): string {
  const v = new Date(at.getTime() + VIETNAM_OFFSET_MINUTES * 60_000);
  return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
}

export function fromInstant(at: Date): RecoveryTarget {
  const utc = at
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');
  const local = vietnamWallClock(at);
  return { at, pg: `${local}+07`, label: `${local} (UTC+7) = ${utc} UTC` };
}

/**
 * The drill's default target: the next whole minute at least `leadMs` away, so the writes before
 * it have time to run and the quiet window around it fits before the minute.
 */
export function nextMinute(now: Date, leadMs: number): Date {
  const t = now.getTime() + leadMs;
  return new Date(Math.ceil(t / 60_000) * 60_000);
}

/** Folder name of a base backup taken at `at`: `2026-12-03T140500+0700` (Vietnam time, sorts by time). */
export function backupFolderName(at: Date): string {
  return `${vietnamWallClock(at).replace(' ', 'T').replace(/:/g, '')}+0700`;
}
