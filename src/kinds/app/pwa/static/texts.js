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

/**
 * The text of `id` as DOM nodes, each parameter isolated and left to right in a <bdi dir="ltr">:
 * a service's name (or any value from outside) cannot change how the sentence around it is
 * drawn, nor the sentence how the name is (docs/protocols/app.md, "Transactions").
 */
export function tIsolated(id, params = {}) {
  const text = texts[id] ?? id;
  const nodes = [];
  let at = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    if (!Object.hasOwn(params, m[1])) continue;
    nodes.push(document.createTextNode(text.slice(at, m.index)));
    const bdi = document.createElement('bdi');
    bdi.dir = 'ltr';
    bdi.textContent = String(params[m[1]]);
    nodes.push(bdi);
    at = m.index + m[0].length;
  }
  nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
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
