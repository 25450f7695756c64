/** Step 2 of the NemID login: the code of the key the flow asks for. */
import type { T } from '../../../i18n/catalogue.ts';
import { csrfField, type FieldError, primaryButton, textField } from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import { cancelForm, nemidBox } from './nemidBox.ts';

export interface KeycodePageInput {
  t: T;
  action: string;
  csrf: string;
  clientName: string;
  cardNumber: string;
  keyNo: string;
  errors?: readonly FieldError[];
}

export function keycodePage(p: KeycodePageInput): SafeHtml {
  const { t } = p;
  return nemidBox(
    t,
    p.clientName,
    p.errors ?? [],
    html`<p class="keycard-key">${t('nemid.keycode.cardAndKey', { card: p.cardNumber, key: p.keyNo })}</p>
<p>${t('nemid.keycode.instructions')}</p>
<form method="post" action="${p.action}" novalidate>
  ${csrfField(p.csrf)}
  <input type="hidden" name="step" value="keycode">
  ${textField({
    t,
    name: 'code',
    label: t('nemid.keycode.label'),
    hint: t('nemid.keycode.hint'),
    error: p.errors?.find((e) => e.field === 'code')?.message,
    autocomplete: 'one-time-code',
    inputmode: 'numeric',
    maxlength: 8, // room for a pasted "123 456"; the server checks the 6 digits
    className: 'input-width-xs',
  })}
  ${primaryButton(t('nemid.submit'))}
</form>
${cancelForm(t, p.action, p.csrf)}`,
  );
}
