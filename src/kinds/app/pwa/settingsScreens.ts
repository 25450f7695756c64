/**
 * Settings: the users of this app ("Tilføj bruger", as the guide says), biometrics (only with one
 * user), a transfer code for adding the app on another device, the language, the guide's advice
 * and where to get help.
 */
import type { T } from '../../../i18n/catalogue.ts';
import type { Lang } from '../../../i18n/types.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import { actionButton, advice, screen } from './screenParts.ts';

export function settingsScreens(t: T, lang: Lang): SafeHtml[] {
  const other: Lang = lang === 'da' ? 'en' : 'da';
  return [
    screen(
      'settings',
      t('appUi.settings'),
      html`<h2 class="h3">${t('appUi.settings.users')}</h2>
<ul class="app-user-list nobullet-list" data-slot="users"></ul>
<p>${t('appUi.settings.addUserHint')}</p>
<p>${actionButton(t('appUi.settings.addUser'), 'add-user', 'secondary')}</p>
<h2 class="h3">${t('appUi.settings.language')}</h2>
<p><a href="/app?lang=${other}" lang="${other}" hreflang="${other}">${t('common.languageSwitch')}</a></p>
${advice(t)}
<p>${t('appUi.settings.help')}</p>
<p>${actionButton(t('appUi.back'), 'go-home', 'primary')}</p>`,
    ),
    screen(
      'addUser',
      t('appUi.settings.addUser'),
      html`<p>${t('appUi.settings.addUserHint')}</p>
<p>${actionButton(t('appUi.welcome.activate'), 'start-activation', 'primary')}</p>
<p>${actionButton(t('appUi.welcome.transfer'), 'start-transfer', 'secondary')}</p>
<p>${actionButton(t('appUi.cancel'), 'open-settings', 'tertiary')}</p>`,
    ),
    screen(
      'removeUser',
      t('appUi.remove.title'),
      html`<p data-slot="remove-text"></p>
<p>${actionButton(t('appUi.remove.confirm'), 'confirm-remove', 'primary')}</p>
<p>${actionButton(t('appUi.cancel'), 'open-settings', 'tertiary')}</p>`,
    ),
    screen(
      'transfer',
      t('appUi.transfer.title'),
      html`<p>${t('appUi.transfer.intro')}</p>
<div class="app-code-box">
  <p><span class="app-code-label">${t('appUi.transfer.codeLabel')}:</span> <span class="app-code" data-slot="transfer-code"></span></p>
</div>
<div class="app-qr-box" data-slot="transfer-qr"></div>
<p data-slot="transfer-valid"></p>
<p>${t('appUi.transfer.notice')}</p>
<p>${actionButton(t('appUi.back'), 'open-settings', 'primary')}</p>`,
    ),
  ];
}
