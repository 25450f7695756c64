/**
 * The screens of everyday use, as the guide tells it ("Sådan bruger du MitID app"): open the app
 * yourself; it shows what waits for its users; read the service's name, the action and the text;
 * swipe from left to right to approve (or press Godkend), or reject; the PIN or biometrics where
 * the request demands it. A blocked PIN gets its own screen. A login in a browser (issue 9) shows
 * nothing until the app proves its screen: the scanner (camera) or the typed code, then the same
 * request screens, and "Gå tilbage til browseren" when the app was opened from the phone's browser.
 * A request a service sent without a browser (CIBA) says so, and offers "Afvis og anmeld".
 */
import type { T } from '../../../i18n/catalogue.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import { actionButton, appForm, codeField, screen, submitButton } from './screenParts.ts';

export function approvalScreens(t: T): SafeHtml[] {
  return [
    screen(
      'home',
      t('appUi.home.title'),
      html`<div class="form-group" data-slot="user-picker" hidden>
  <label class="form-label" for="activeUser">${t('appUi.home.user')}</label>
  <select class="form-select" id="activeUser" name="activeUser"></select>
</div>
<p class="app-user-line" data-slot="user-is"></p>
<h2 class="h3">${t('appUi.home.loginTitle')}</h2>
<p class="app-hint">${t('appUi.home.loginHint')}</p>
<div class="app-tx-buttons app-login-buttons">
  ${actionButton(t('appUi.home.scan'), 'scan-qr', 'primary')}
  ${actionButton(t('appUi.home.typeCode'), 'type-code', 'secondary')}
</div>
<h2 class="h3">${t('appUi.home.pendingTitle')}</h2>
<div data-slot="pending" aria-live="polite">
  <p data-slot="none">${t('appUi.home.none')}</p>
  <ul class="app-tx-list nobullet-list" data-slot="tx-list"></ul>
  <p data-slot="others" hidden></p>
</div>
<p>${actionButton(t('appUi.home.refresh'), 'refresh', 'secondary')}</p>
<p class="app-hint">${t('appUi.advice.openYourself')}</p>
<p data-slot="install" hidden>${actionButton(t('appUi.install'), 'install', 'secondary')}</p>`,
    ),
    screen(
      'scan',
      t('appUi.scan.title'),
      html`<p>${t('appUi.scan.help')}</p>
<div class="app-scan">
  <video class="app-scan-video" data-slot="scan-video" playsinline muted aria-label="${t('appUi.scan.video')}"></video>
</div>
<p class="app-scan-status" data-slot="scan-status" role="status" aria-live="polite"></p>
<p>${actionButton(t('appUi.scan.typeInstead'), 'type-code', 'secondary')}</p>
<p>${actionButton(t('appUi.cancel'), 'go-home', 'tertiary')}</p>`,
    ),
    screen(
      'channelCode',
      t('appUi.loginCode.title'),
      html`${appForm(
        'channelCode',
        html`${codeField({ id: 'channelCode', label: t('appUi.loginCode.label'), hint: t('appUi.loginCode.hint'), kind: 'digits', maxlength: 9, autocomplete: 'one-time-code' })}
${submitButton(t('appUi.loginCode.submit'))}`,
      )}
<p>${actionButton(t('appUi.home.scan'), 'scan-qr', 'secondary')}</p>
<p>${actionButton(t('appUi.cancel'), 'go-home', 'tertiary')}</p>`,
    ),
    screen(
      'tx',
      t('appUi.tx.approve'),
      html`<p class="app-user-line" data-slot="tx-user"></p>
<div class="app-tx-box">
  <p class="app-tx-text-label" data-slot="tx-text-label"></p>
  <p class="app-tx-text" data-slot="tx-text" dir="ltr"></p>
</div>
<div class="alert alert-info" data-slot="tx-decoupled" hidden><div class="alert-body"><p class="alert-text" data-slot="tx-decoupled-text"></p></div></div>
<p data-slot="tx-pin" hidden><strong>${t('appUi.tx.pinRequired')}</strong></p>
<p class="form-hint" data-slot="tx-expires"></p>
<div class="alert alert-warning app-check"><div class="alert-body"><p class="alert-text">${t('appUi.tx.check')}</p></div></div>
<div class="app-swipe" data-slot="swipe" aria-hidden="true">
  <div class="app-swipe-track" data-slot="swipe-track">
    <span class="app-swipe-label">${t('appUi.tx.swipe')}</span>
    <div class="app-swipe-thumb" data-slot="swipe-thumb">→</div>
  </div>
</div>
<div class="app-tx-buttons">
  ${actionButton(t('appUi.tx.approve'), 'approve', 'primary')}
  ${actionButton(t('appUi.tx.reject'), 'reject', 'secondary')}
</div>
<p data-slot="tx-report" hidden>${actionButton(t('appUi.tx.rejectReport'), 'reject-report', 'secondary')}</p>
<p>${actionButton(t('appUi.back'), 'go-home', 'tertiary')}</p>`,
    ),
    screen(
      'txPin',
      t('appUi.tx.pinTitle'),
      html`<p class="app-user-line" data-slot="txpin-context"></p>
${appForm(
  'txPin',
  html`${codeField({ id: 'txPin', label: t('appUi.tx.pinLabel'), kind: 'digits', maxlength: 6, secret: true, autocomplete: 'current-password' })}
${submitButton(t('appUi.tx.approve'))}`,
)}
<p data-slot="use-bio" hidden>${actionButton(t('appUi.bio.use'), 'use-bio', 'secondary')}</p>
<p>${actionButton(t('appUi.cancel'), 'back-to-tx', 'tertiary')}</p>`,
    ),
    screen(
      'result',
      t('appUi.tx.approvedTitle'),
      html`<div class="alert" data-slot="result-box" role="status"><div class="alert-body"><p class="alert-text" data-slot="result-text"></p></div></div>
<div data-slot="back-to-browser" hidden>
  <p>${t('appUi.channel.backHint')}</p>
  <p>${actionButton(t('appUi.channel.backToBrowser'), 'back-to-browser', 'primary')}</p>
</div>
<p>${actionButton(t('appUi.tx.backHome'), 'go-home', 'secondary')}</p>`,
    ),
    screen(
      'blocked',
      t('appUi.blocked.title'),
      html`<div class="alert alert-error"><div class="alert-body"><p class="alert-text" data-slot="blocked-text"></p></div></div>
<p>${t('appUi.blocked.help')}</p>
<p data-slot="reactivate" hidden>${actionButton(t('appUi.blocked.reactivate'), 'reactivate', 'primary')}</p>
<p>${actionButton(t('appUi.tx.backHome'), 'go-home', 'secondary')}</p>`,
    ),
  ];
}
