// The code-device simulators' script (src/kinds/code-device/simulator): the button fetches the
// current code without leaving the page; the kodeviser shows it for 30 s, the kodeoplæser reads it
// aloud with speechSynthesis (da-DK, or en-GB on the English page), digit by digit, and writes it
// into its aria-live region. Without this script each button is a plain form POST.
const SHOW_MS = 30_000;
const NORMAL_RATE = 0.9;
const SLOWER_RATE = 0.5;

const voiceLang = document.documentElement.lang === 'en' ? 'en-GB' : 'da-DK';

async function fetchCode(form) {
  const res = await fetch(form.action, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(new FormData(form)),
    credentials: 'same-origin',
  });
  if (!res.ok) throw new Error(`code: ${res.status}`);
  const body = await res.json();
  if (typeof body.code !== 'string' || !/^\d{6}$/.test(body.code)) throw new Error('code: bad answer');
  return body.code;
}

/** Runs `load` for the form's submit; on any failure the form is posted as without the script. */
function intercept(form, load) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    fetchCode(form).then(load, () => form.submit());
  });
}

function setUpDisplay(form) {
  const screen = document.querySelector('[data-sim-screen]');
  const blankText = form.dataset.simBlank ?? '';
  let timer;
  const blank = () => {
    const off = document.createElement('span');
    off.className = 'sim-off';
    off.textContent = blankText;
    screen.replaceChildren(off);
  };
  const show = (code) => {
    const digits = document.createElement('span');
    digits.className = 'sim-digits';
    digits.dataset.simCode = code;
    digits.textContent = `${code.slice(0, 3)} ${code.slice(3)}`;
    screen.replaceChildren(digits);
    clearTimeout(timer);
    timer = setTimeout(blank, SHOW_MS);
  };
  const shown = screen.querySelector('[data-sim-code]');
  if (shown) timer = setTimeout(blank, SHOW_MS);
  intercept(form, show);
}

function setUpReader(form) {
  const said = document.querySelector('[data-sim-said]');
  const controls = document.querySelector('[data-sim-controls]');
  const noSpeech = document.querySelector('[data-sim-no-speech]');
  const template = said.dataset.simTemplate ?? '{digits}';
  let code = said.dataset.simCode;
  let rate = NORMAL_RATE;
  const speak = () => {
    if (!code) return;
    const digits = code.split('');
    // The live region is emptied first, so a screen reader says a repeated code again.
    said.textContent = '';
    setTimeout(() => {
      said.textContent = template.replace('{digits}', digits.join(' '));
    }, 50);
    if (!('speechSynthesis' in window)) {
      noSpeech.hidden = false;
      return;
    }
    window.speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(digits.join(', '));
    utterance.lang = voiceLang;
    utterance.rate = rate;
    window.speechSynthesis.speak(utterance);
  };
  intercept(form, (fresh) => {
    code = fresh;
    rate = NORMAL_RATE;
    controls.hidden = false;
    speak();
  });
  document.querySelector('[data-sim-repeat]').addEventListener('click', speak);
  document.querySelector('[data-sim-slower]').addEventListener('click', () => {
    rate = SLOWER_RATE;
    speak();
  });
}

for (const form of document.querySelectorAll('form[data-sim-form]')) {
  if (form.dataset.simForm === 'display') setUpDisplay(form);
  if (form.dataset.simForm === 'reader') setUpReader(form);
}
