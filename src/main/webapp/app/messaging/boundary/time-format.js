// Times in the reader's own time zone and language.
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric' });
const dayWithYear = new Intl.DateTimeFormat(undefined, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });

export const clockTime = (ts) => clock.format(new Date(ts));
export const fullTime = (ts) => full.format(new Date(ts));

/** A key that is equal for two timestamps on the same local calendar day. */
export function localDayKey(ts) {
  const d = new Date(ts);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function dayLabel(ts, now = Date.now()) {
  const key = localDayKey(ts);
  if (key === localDayKey(now)) return 'Today';
  if (key === localDayKey(now - 86400000)) return 'Yesterday';
  return new Date(ts).getFullYear() === new Date(now).getFullYear() ? day.format(new Date(ts)) : dayWithYear.format(new Date(ts));
}
