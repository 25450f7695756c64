// The login box's chip step (src/flows/login/box, decision 0014 §4): START runs
// navigator.credentials.get with the chip kind's request options (base64url fields turned into
// ArrayBuffers), puts the assertion as JSON (ArrayBuffers back to base64url, the shape
// @simplewebauthn's AuthenticationResponseJSON has) into the form's hidden field, and posts the
// form once: the password and the assertion together. A cancelled or failed touch is said on the
// page; nothing is posted then.
const form = document.getElementById('login-box-chip');
if (form) {
  const options = JSON.parse(form.dataset.options || '{}');
  const texts = JSON.parse(form.dataset.texts || '{}');
  const field = document.getElementById('login-box-chip-response');
  const status = document.getElementById('login-box-chip-status');
  const start = document.getElementById('login-box-chip-start');

  const fromB64url = (s) => {
    const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
    const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  };
  const toB64url = (buf) => {
    const bytes = new Uint8Array(buf);
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const say = (text) => {
    if (status) status.textContent = text;
  };

  let sent = false;
  form.addEventListener('submit', async (e) => {
    if (sent) return;
    e.preventDefault();
    if (!window.PublicKeyCredential || !navigator.credentials) {
      say(texts.unsupported);
      return;
    }
    const publicKey = {
      ...options,
      challenge: fromB64url(options.challenge),
      allowCredentials: (options.allowCredentials || []).map((c) => ({ ...c, id: fromB64url(c.id) })),
    };
    say(texts.waiting);
    if (start) start.disabled = true;
    try {
      const cred = await navigator.credentials.get({ publicKey });
      if (!cred) throw new Error('no credential');
      const r = cred.response;
      field.value = JSON.stringify({
        id: cred.id,
        rawId: toB64url(cred.rawId),
        type: cred.type,
        authenticatorAttachment: cred.authenticatorAttachment ?? undefined,
        clientExtensionResults: cred.getClientExtensionResults(),
        response: {
          clientDataJSON: toB64url(r.clientDataJSON),
          authenticatorData: toB64url(r.authenticatorData),
          signature: toB64url(r.signature),
          userHandle: r.userHandle ? toB64url(r.userHandle) : undefined,
        },
      });
      sent = true;
      form.submit();
    } catch {
      say(texts.failed);
      if (start) start.disabled = false;
    }
  });
}
