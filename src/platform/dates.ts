/** Dates and times as Vietnamese readers write them, in Vietnam time: 02/12/2026 and 02/12/2026 12:41. */
const TZ = 'Asia/Ho_Chi_Minh';
const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

function parts(d: Date) {
  const p = PARTS.formatToParts(d);
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? '';
  return { day: get('day'), month: get('month'), year: get('year'), hour: get('hour') === '24' ? '00' : get('hour'), minute: get('minute') };
}

export function formatDateVN(d: Date | string): string {
  const x = parts(new Date(d));
  return `${x.day}/${x.month}/${x.year}`;
}

export function formatDateTimeVN(d: Date | string): string {
  const x = parts(new Date(d));
  return `${x.day}/${x.month}/${x.year} ${x.hour}:${x.minute}`;
}

/** A civil date (a date of birth, a contract's date: no time of day, no time zone) 2026-12-02 -> 02/12/2026; anything else as it is. */
export function formatCivilDateVN(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
