/**
 * The language of an API answer: English when the Accept-Language header prefers English to
 * Danish, else Danish (the app's own language). `?lang=` and the cookie are for pages, not here.
 */
import type { Lang } from '../../../i18n/types.ts';

export function langOf(acceptLanguage: string | undefined): Lang {
  let best: { lang: Lang; q: number } | undefined;
  for (const part of (acceptLanguage ?? '').slice(0, 500).split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const lang: Lang | undefined = tag.startsWith('en') ? 'en' : tag.startsWith('da') ? 'da' : undefined;
    if (!lang) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'da';
}
