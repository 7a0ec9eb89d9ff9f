const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withDate}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, withDate ? { dateStyle: 'short', timeStyle: 'medium' } : { timeStyle: 'medium' });
    formats.set(key, f);
  }
  return f;
}

/** A log row's time to the second (requests come seconds apart); the date only when not today. */
export function formatLogTime(epochMs: number, locale: string, now: number = Date.now()): string {
  const today = new Date(now).toDateString() === new Date(epochMs).toDateString();
  return format(locale, !today).format(epochMs);
}
