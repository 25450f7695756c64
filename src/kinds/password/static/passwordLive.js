// Live feedback on the new-password field as the person types (progressive enhancement: without
// JavaScript the server names every broken rule after the form is sent). The rules are
// passwordRules.js, proven equal to the server's by passwordRules.agreement.test.ts. The page
// lists every rule (<li data-rule="password.rule.…">); this marks each as met or not, and a polite
// live region repeats the broken ones' texts (from the list itself: the page's language). The
// password itself is never written anywhere: only which rules it breaks.
import { passwordProblems } from './passwordRules.js';

const input = document.getElementById('password');
const list = document.getElementById('password-rules');
const live = document.getElementById('password-live');
if (input && list && live) {
  const userId = list.dataset.userId || '';
  const items = [...list.querySelectorAll('li[data-rule]')];
  let timer;
  const update = () => {
    const value = input.value;
    const broken = new Set(value === '' ? [] : passwordProblems(value, userId));
    for (const li of items) {
      const state = value === '' ? '' : broken.has(li.dataset.rule) ? 'broken' : 'ok';
      li.dataset.state = state;
      const mark = li.querySelector('.password-rule-state');
      if (mark) mark.textContent = state === '' ? '' : list.dataset[state] || '';
    }
    const texts = items
      .filter((li) => broken.has(li.dataset.rule))
      .map((li) => li.querySelector('.password-rule-text')?.textContent || '');
    live.textContent = value === '' ? '' : texts.length === 0 ? list.dataset.allOk || '' : texts.join(' ');
  };
  // A short pause before announcing, so a screen reader is not interrupted at every key.
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
}
