/** The app's texts, rendered into the shell by the server in the person's language. */
const texts = JSON.parse(document.getElementById('app-texts')?.textContent ?? '{}');

export const lang = document.documentElement.lang === 'en' ? 'en' : 'da';

/** The text of `id` with `{name}` parameters filled in. */
export function t(id, params = {}) {
  const text = texts[id] ?? id;
  return text.replace(/\{(\w+)\}/g, (whole, name) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** "14:05", or "3. juni 14:05" when not today, in Copenhagen time. */
export function formatTime(epochMs) {
  const when = new Date(epochMs);
  const locale = lang === 'da' ? 'da-DK' : 'en-GB';
  const zone = { timeZone: 'Europe/Copenhagen' };
  const day = (d) => d.toLocaleDateString(locale, zone);
  const time = when.toLocaleTimeString(locale, { ...zone, hour: '2-digit', minute: '2-digit' });
  if (day(when) === day(new Date())) return time;
  return `${when.toLocaleDateString(locale, { ...zone, day: 'numeric', month: 'long' })} ${time}`;
}
