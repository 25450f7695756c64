/** The web app manifest: what the phone needs to install the app on its home screen. */
import { type T, translator } from '../../../i18n/catalogue.ts';
import type { Lang } from '../../../i18n/types.ts';

export interface WebManifest {
  name: string;
  short_name: string;
  description: string;
  lang: Lang;
  start_url: string;
  scope: string;
  id: string;
  display: 'standalone';
  orientation: 'portrait';
  background_color: string;
  theme_color: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
}

export function webManifest(lang: Lang): WebManifest {
  const t: T = translator(lang);
  return {
    name: 'MitID',
    short_name: 'MitID',
    description: t('appUi.welcome.intro'),
    lang,
    start_url: '/app',
    scope: '/app',
    id: '/app',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#ffffff',
    theme_color: '#0a3a8c',
    icons: [
      { src: '/app/static/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      { src: '/app/static/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/app/static/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/app/static/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
