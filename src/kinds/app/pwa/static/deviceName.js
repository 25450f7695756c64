/** A name the person recognises on MitID.dk: "MitID app i Chrome på Android". */
import { t } from './texts.js';

const browsers = [
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Chrome\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];
const systems = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Mac OS X/, 'macOS'],
  [/Windows/, 'Windows'],
  [/Linux/, 'Linux'],
];

const pick = (list, ua, fallback) => list.find(([pattern]) => pattern.test(ua))?.[1] ?? fallback;

export function deviceName() {
  const ua = navigator.userAgent;
  return t('appUi.deviceName', {
    browser: pick(browsers, ua, 'browser'),
    system: pick(systems, ua, '?'),
  }).slice(0, 60);
}
