// The login box's waiting step (src/flows/login/box): follows the authentication with server-sent
// events (a new QR frame each second, the status when it changes), with long polling when events
// fail; counts down to the expiry; and moves on by itself: approved → the done form is posted,
// an end (rejected, cancelled, expired) → the page is loaded again and shows it. Progressive
// enhancement: without this script the typed code is shown and "Jeg har godkendt" reloads.
const root = document.getElementById('login-box-wait');
if (root) {
  const texts = JSON.parse(root.dataset.texts || '{}');
  const expiresAt = Number(root.dataset.expires);
  const skew = Number(root.dataset.now) - Date.now();
  const statusEl = document.getElementById('login-box-status');
  const qr = document.getElementById('login-box-qr');
  const channel = document.getElementById('login-box-channel');
  const code = document.getElementById('login-box-code');
  const check = document.getElementById('login-box-check');
  const countdown = document.getElementById('login-box-countdown');
  const countdownSr = document.getElementById('login-box-countdown-sr');
  const done = document.getElementById('login-box-done');
  let status = root.dataset.status;
  let moved = false;

  // The QR code is what a computer shows; the typed code waits behind "Kan du ikke scanne?".
  if (code && qr) code.open = false;
  if (check) check.hidden = true;

  const left = () => Math.max(0, expiresAt - (Date.now() + skew));
  const mmss = (ms) => {
    const s = Math.ceil(ms / 1000);
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  };
  let lastSpoken = -1;
  const tick = () => {
    const ms = left();
    const text = (texts.timeLeft || '{time}').replace('{time}', mmss(ms));
    if (countdown) {
      countdown.hidden = false;
      countdown.textContent = text;
    }
    // Screen readers hear the time left each minute (and at 30 s), not every second.
    const minute = Math.ceil(ms / 60000);
    const speak = ms <= 30000 && ms > 29000 ? 0 : minute;
    if (countdownSr && speak !== lastSpoken) {
      lastSpoken = speak;
      countdownSr.classList.add('sr-only');
      countdownSr.textContent = text;
    }
    // The server says when it has expired (events, polling); this is the fallback if neither answers.
    if (Date.now() + skew > expiresAt + 5000) move('expired');
  };
  tick();
  const timer = setInterval(tick, 1000);
  // Leaving by a form of the page (Afbryd): stop following, or the reload for the status that the
  // form itself causes ("cancelled") would cut the form's navigation off ("Siden er udløbet").
  document.addEventListener('submit', () => {
    moved = true;
    clearInterval(timer);
  });

  function move(next) {
    if (moved) return;
    if (next === 'approved') {
      moved = true;
      clearInterval(timer);
      root.dataset.status = next;
      if (channel) channel.hidden = true;
      if (statusEl) statusEl.textContent = texts.approved || '';
      if (done) done.submit();
      return;
    }
    if (next === 'pending' && status !== 'pending') {
      status = next;
      root.dataset.status = next;
      if (channel) channel.hidden = true;
      if (statusEl) statusEl.textContent = texts.pending || '';
      return;
    }
    if (next === 'rejected' || next === 'cancelled' || next === 'expired' || next === 'unknown') {
      moved = true;
      clearInterval(timer);
      location.replace(root.dataset.page);
    }
  }

  const poll = async () => {
    while (!moved) {
      try {
        const res = await fetch(`${root.dataset.statusUrl}?since=${encodeURIComponent(status)}&wait=25`, {
          credentials: 'same-origin',
          cache: 'no-store',
        });
        if (res.ok) move((await res.json()).status);
        else await new Promise((r) => setTimeout(r, 3000));
      } catch {
        await new Promise((r) => setTimeout(r, 3000));
      }
    }
  };

  if (status === 'approved') move('approved');
  else if ('EventSource' in window) {
    const events = new EventSource(root.dataset.events);
    let failures = 0;
    events.addEventListener('frame', (e) => {
      failures = 0;
      const data = JSON.parse(e.data);
      if (qr && typeof data.qr === 'string' && data.qr.startsWith('data:image/svg+xml;base64,'))
        qr.src = data.qr;
    });
    events.addEventListener('status', (e) => {
      failures = 0;
      move(JSON.parse(e.data).status);
      if (moved) events.close();
    });
    events.addEventListener('error', () => {
      failures += 1;
      // The stream ends after a final status; more than a few failures: fall back to long polling.
      if (moved || failures >= 3 || events.readyState === EventSource.CLOSED) {
        events.close();
        if (!moved) poll();
      }
    });
  } else poll();
}
