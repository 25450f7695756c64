import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activationCodeSms, mobileValidationCode } from '../../core/codes/index.ts';
import { t } from '../../i18n/catalogue.ts';
import { codeProblemMessage } from './codeProblemMessage.ts';

test('each refusal has its text, with the numbers filled in', () => {
  const show = (m: ReturnType<typeof codeProblemMessage>): string => t('da', m.id, m.params);
  assert.equal(
    show(codeProblemMessage({ ok: false, reason: 'malformed' }, mobileValidationCode)),
    'Koden skal være 6 tal.',
  );
  assert.equal(
    show(codeProblemMessage({ ok: false, reason: 'malformed' }, activationCodeSms)),
    'Koden skal være 8 tal.',
  );
  assert.equal(
    show(codeProblemMessage({ ok: false, reason: 'wrong', attemptsLeft: 2 }, mobileValidationCode)),
    'Koden er forkert. Du har 2 forsøg tilbage.',
  );
  for (const reason of ['blocked', 'expired', 'used', 'notFound', 'sendLimit'] as const) {
    assert.equal(
      codeProblemMessage({ ok: false, reason }, mobileValidationCode).id,
      `enrollment.code.${reason}`,
    );
  }
});
