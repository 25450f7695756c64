/** Step 1 of the NemID login: user-ID and password. */
import type { T } from '../../../i18n/catalogue.ts';
import { csrfField, type FieldError, primaryButton, textField } from '../../../platform/html/components.ts';
import { html, type SafeHtml } from '../../../platform/html/html.ts';
import { nemidPolicy } from '../nemidPolicy.ts';
import { cancelForm, nemidBox } from './nemidBox.ts';

export interface PasswordPageInput {
  t: T;
  action: string;
  csrf: string;
  clientName: string;
  errors?: readonly FieldError[];
  userId?: string;
}

export function passwordPage(p: PasswordPageInput): SafeHtml {
  const { t } = p;
  const errorOf = (field: string) => p.errors?.find((e) => e.field === field)?.message;
  return nemidBox(
    t,
    p.clientName,
    p.errors ?? [],
    html`<form method="post" action="${p.action}" novalidate>
  ${csrfField(p.csrf)}
  <input type="hidden" name="step" value="password">
  ${textField({
    t,
    name: 'userId',
    label: t('nemid.userId.label'),
    value: p.userId ?? '',
    error: errorOf('userId'),
    autocomplete: 'username',
    maxlength: nemidPolicy.maxFieldLength,
  })}
  ${textField({
    t,
    name: 'password',
    label: t('nemid.password.label'),
    type: 'password',
    error: errorOf('password'),
    autocomplete: 'current-password',
    maxlength: nemidPolicy.maxFieldLength,
  })}
  ${primaryButton(t('nemid.submit'))}
</form>
${cancelForm(t, p.action, p.csrf)}`,
  );
}
