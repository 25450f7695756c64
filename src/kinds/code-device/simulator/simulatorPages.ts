/**
 * The simulators' pages: the list of the stock, a drawn kodeviser (display and button) and a drawn
 * kodeoplæser (speaker grille, the button, "Gentag", "Langsommere"). Every control is a real
 * button in a real form, so each works without the script (a POST renders the code) and with the
 * keyboard alone; the code is also written into an aria-live region, so a screen reader says it.
 */
import type { T } from '../../../i18n/catalogue.ts';
import { csrfField } from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import type { SimulatedDevice, SimulatedKind } from './SimulatorStock.ts';

export const SIMULATOR_STATIC = '/static/code-device-simulator/';
export const pathOf: Record<SimulatedKind, string> = {
  codeDisplay: '/dev/kodeviser/',
  codeReader: '/dev/kodeoplaeser/',
};

const assets = html`<link rel="stylesheet" href="${SIMULATOR_STATIC}simulator.css">
<script type="module" src="${SIMULATOR_STATIC}simulator.js"></script>`;

/** "482190" → "4 8 2 1 9 0": how the code is shown and said, digit by digit. */
export const spaced = (code: string): string => code.split('').join(' ');

export function listPage(t: T, devices: readonly SimulatedDevice[]): SafeHtml {
  const kinds: SimulatedKind[] = ['codeDisplay', 'codeReader'];
  return html`<h1>${t('simulators.list.title')}</h1>
<p>${t('simulators.list.intro')}</p>
${devices.length === 0 ? html`<p>${t('simulators.list.empty')}</p>` : ''}
${kinds.map((kind) => {
  const mine = devices.filter((d) => d.kind === kind);
  if (mine.length === 0) return html``;
  return html`<h2>${t(`simulators.kind.${kind}`)}</h2>
<table class="table table--compact">
  <thead><tr><th scope="col">${t('simulators.list.serial')}</th><th scope="col">${t('simulators.list.status')}</th></tr></thead>
  <tbody>
    ${mine.map(
      (d) =>
        html`<tr><td><a href="${pathOf[kind]}${d.serial}" aria-label="${t('simulators.list.open', { serial: d.serial })}">${d.serial}</a></td><td>${t(`simulators.status.${d.status}`)}</td></tr>`,
    )}
  </tbody>
</table>`;
})}`;
}

const back = (t: T): SafeHtml => html`<p><a href="/dev/enheder">${t('simulators.back')}</a></p>`;

export function displayPage(t: T, serial: string, csrf: string, code?: string): SafeHtml {
  return html`<h1>${t('simulators.display.title', { serial })}</h1>
<p>${t('simulators.display.intro')}</p>
<div class="sim-device sim-display-device">
  <div class="sim-brand" aria-hidden="true">MitID</div>
  <div class="sim-screen" role="status" aria-label="${t('simulators.display.label')}" data-sim-screen>
    ${
      code
        ? html`<span class="sim-digits" data-sim-code="${code}" aria-label="${t('simulators.display.code', { digits: spaced(code) })}">${code.slice(0, 3)} ${code.slice(3)}</span>`
        : html`<span class="sim-off">${t('simulators.display.blank')}</span>`
    }
  </div>
  <form method="post" action="${pathOf.codeDisplay}${serial}" data-sim-form="display" data-sim-blank="${t('simulators.display.blank')}">
    ${csrfField(csrf)}
    <button type="submit" class="sim-button" data-sim-press>${t('simulators.press')}</button>
  </form>
  <p class="sim-serial">${t('simulators.serial', { serial })}</p>
</div>
${back(t)}
${assets}`;
}

export function readerPage(t: T, serial: string, csrf: string, code?: string): SafeHtml {
  return html`<h1>${t('simulators.reader.title', { serial })}</h1>
<p>${t('simulators.reader.intro')}</p>
<div class="sim-device sim-reader-device">
  <div class="sim-brand" aria-hidden="true">MitID</div>
  <div class="sim-grille" aria-hidden="true"></div>
  <form method="post" action="${pathOf.codeReader}${serial}" data-sim-form="reader">
    ${csrfField(csrf)}
    <button type="submit" class="sim-button" data-sim-press>${t('simulators.press')}</button>
  </form>
  <div class="sim-reader-controls" data-sim-controls ${code ? '' : 'hidden'}>
    <button type="button" class="button button-secondary" data-sim-repeat>${t('simulators.reader.repeat')}</button>
    <button type="button" class="button button-secondary" data-sim-slower>${t('simulators.reader.slower')}</button>
  </div>
  <p class="sim-said" aria-live="polite" data-sim-said data-sim-template="${t('simulators.reader.said', { digits: '{digits}' })}" ${code ? html`data-sim-code="${code}"` : ''}>${code ? t('simulators.reader.said', { digits: spaced(code) }) : t('simulators.reader.silent')}</p>
  <p class="sim-no-speech" data-sim-no-speech hidden>${t('simulators.reader.noSpeech')}</p>
  <p class="sim-serial">${t('simulators.serial', { serial })}</p>
</div>
${back(t)}
${assets}`;
}

export function unknownPage(t: T, kind: SimulatedKind, serial: string): SafeHtml {
  return html`<h1>${t(`simulators.kind.${kind}`)}</h1>
<p>${t('simulators.unknown', { kind: t(`simulators.kind.${kind}`), serial })}</p>
${back(t)}`;
}
