// Live feedback on the user-ID field as the person types (progressive enhancement: without
// JavaScript the server names every broken rule after FORTSÆT). The rules are userIdRules.js,
// proven equal to the server's by userIdRules.agreement.test.ts; the texts come from the page
// (data-messages), so they are the catalogue's, in the page's language. Text only, never HTML.
import { userIdProblems } from './userIdRules.js';

const input = document.getElementById('userId');
const live = document.getElementById('userId-live');
if (input && live) {
  const messages = JSON.parse(live.dataset.messages || '{}');
  const text = (problem) =>
    (messages[problem.id] || problem.id).replace(/\{(\w+)\}/g, (whole, name) =>
      problem.params && name in problem.params ? problem.params[name] : whole,
    );
  let timer;
  const update = () => {
    const value = input.value;
    const list = document.createElement('ul');
    list.className = 'userid-live-list';
    if (value === '') {
      live.replaceChildren();
      return;
    }
    const problems = userIdProblems(value);
    if (problems.length === 0) {
      const ok = document.createElement('li');
      ok.className = 'userid-live-ok';
      ok.textContent = messages.ok || '';
      list.append(ok);
    }
    for (const problem of problems) {
      const li = document.createElement('li');
      li.className = 'userid-live-problem';
      li.dataset.rule = problem.id;
      li.textContent = text(problem);
      list.append(li);
    }
    live.replaceChildren(list);
  };
  // A short pause before announcing, so a screen reader is not interrupted at every key.
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });
}
