/**
 * The activation screens in the guide's order (section 7, "Sådan aktiverer du MitID app"):
 * open the app → user-ID → activation code from the net bank (or a transfer code from another app)
 * → temporary PIN (SMS or shown here) → choose a 6-digit PIN → type it again → notifications →
 * optionally biometrics → ready, with "Sådan bruger du MitID app".
 */
import type { T } from '../../../i18n/catalogue.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import { actionButton, advice, appForm, codeField, screen, submitButton } from './screenParts.ts';

const cancel = (t: T): SafeHtml =>
  html`<p class="app-secondary-actions">${actionButton(t('appUi.cancel'), 'cancel-activation', 'tertiary')}</p>`;

export function activationScreens(t: T): SafeHtml[] {
  return [
    screen(
      'welcome',
      t('appUi.welcome.title'),
      html`<p>${t('appUi.welcome.intro')}</p>
<p>${actionButton(t('appUi.welcome.activate'), 'start-activation', 'primary')}</p>
<p>${actionButton(t('appUi.welcome.transfer'), 'start-transfer', 'secondary')}</p>
${advice(t)}`,
    ),
    screen(
      'userId',
      t('appUi.userId.title'),
      appForm(
        'userId',
        html`${codeField({ id: 'userId', label: t('appUi.userId.label'), hint: t('appUi.userId.hint'), kind: 'text', maxlength: 48, autocomplete: 'username' })}
${submitButton(t('appUi.continue'))}`,
      ),
    ),
    screen(
      'code',
      t('appUi.code.title'),
      html`${appForm(
        'code',
        html`${codeField({ id: 'activationCode', label: t('appUi.code.label'), hint: t('appUi.code.hint'), kind: 'digits', maxlength: 9, autocomplete: 'one-time-code' })}
${submitButton(t('appUi.continue'))}`,
      )}${cancel(t)}`,
    ),
    screen(
      'transferCode',
      t('appUi.transferIn.title'),
      html`<p>${t('appUi.transferIn.intro')}</p>${appForm(
        'transferCode',
        html`${codeField({ id: 'transferCode', label: t('appUi.transferIn.label'), hint: t('appUi.transferIn.hint'), kind: 'text', maxlength: 200 })}
${submitButton(t('appUi.continue'))}`,
      )}${cancel(t)}`,
    ),
    screen(
      'tempPin',
      t('appUi.tempPin.title'),
      html`<p data-slot="sent-to" hidden></p>
<div class="app-code-box" data-slot="shown-pin" hidden>
  <p>${t('appUi.tempPin.shownHere')}</p>
  <p><span class="app-code-label">${t('appUi.tempPin.shownLabel')}</span> <span class="app-code" data-slot="shown-pin-value"></span></p>
</div>
${appForm(
  'tempPin',
  html`${codeField({ id: 'temporaryPin', label: t('appUi.tempPin.label'), hint: t('appUi.tempPin.hint'), kind: 'digits', maxlength: 9, autocomplete: 'one-time-code' })}
${submitButton(t('appUi.continue'))}`,
)}${cancel(t)}`,
    ),
    screen(
      'pin',
      t('appUi.pin.title'),
      html`<p>${t('appUi.pin.intro')}</p>${appForm(
        'pin',
        html`${codeField({ id: 'newPin', label: t('appUi.pin.label'), kind: 'digits', maxlength: 6, secret: true, autocomplete: 'new-password' })}
${submitButton(t('appUi.continue'))}`,
      )}${cancel(t)}`,
    ),
    screen(
      'pinAgain',
      t('appUi.pinAgain.title'),
      html`${appForm(
        'pinAgain',
        html`${codeField({ id: 'newPinAgain', label: t('appUi.pinAgain.label'), kind: 'digits', maxlength: 6, secret: true, autocomplete: 'new-password' })}
${submitButton(t('appUi.continue'))}`,
      )}${cancel(t)}`,
    ),
    screen(
      'notify',
      t('appUi.notify.title'),
      appForm(
        'notify',
        html`<p>${t('appUi.notify.intro')}</p>
<div class="form-group">
  <input class="form-checkbox" type="checkbox" id="notifyEveryUse" name="notifyEveryUse">
  <label for="notifyEveryUse">${t('appUi.notify.everyUse')}</label>
</div>
${submitButton(t('appUi.notify.accept'))}`,
      ),
    ),
    screen(
      'bio',
      t('appUi.bio.title'),
      html`<p>${t('appUi.bio.intro')}</p>
<p>${actionButton(t('appUi.bio.turnOn'), 'bio-on', 'primary')}</p>
<p>${actionButton(t('appUi.bio.skip'), 'bio-skip', 'secondary')}</p>`,
    ),
    screen(
      'ready',
      t('appUi.ready.title'),
      html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text" data-slot="ready-intro"></p></div></div>
${advice(t)}
<p data-slot="install" hidden>${actionButton(t('appUi.install'), 'install', 'secondary')}</p>
<p>${actionButton(t('appUi.ready.done'), 'go-home', 'primary')}</p>`,
    ),
  ];
}
