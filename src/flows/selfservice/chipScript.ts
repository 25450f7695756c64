/**
 * The browser side of "Tilslut din MitID chip": START fetches the creation options (…/valg),
 * runs navigator.credentials.create, and posts the response (with the new password when the
 * person has none) to …/tilfoej; the answer is shown in an aria-live region, or the browser
 * goes back to the profile. The options' binary members are base64url (WebAuthn's JSON form).
 */
export const CHIP_ADD_JS = `(() => {
  const form = document.getElementById('chip-form');
  const out = document.getElementById('chip-live');
  if (!form || !out) return;
  const b64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), (c) => c.charCodeAt(0)).buffer;
  const enc = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const parse = (o) => PublicKeyCredential.parseCreationOptionsFromJSON
    ? PublicKeyCredential.parseCreationOptionsFromJSON(o)
    : { ...o, challenge: b64(o.challenge), user: { ...o.user, id: b64(o.user.id) },
        excludeCredentials: (o.excludeCredentials || []).map((c) => ({ ...c, id: b64(c.id) })) };
  const toJSON = (c) => typeof c.toJSON === 'function' ? c.toJSON() : {
    id: c.id, rawId: enc(c.rawId), type: c.type, clientExtensionResults: c.getClientExtensionResults(),
    authenticatorAttachment: c.authenticatorAttachment,
    response: { clientDataJSON: enc(c.response.clientDataJSON), attestationObject: enc(c.response.attestationObject),
      transports: c.response.getTransports ? c.response.getTransports() : [] } };
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    out.textContent = '';
    const csrf = form.elements._csrf.value;
    const post = (path, body) => fetch(form.action + path, { method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json' }, body: JSON.stringify({ _csrf: csrf, ...body }) });
    try {
      const res = await post('/valg', {});
      const answer = await res.json();
      if (!res.ok) { out.textContent = answer.message || form.dataset.failed; return; }
      const credential = await navigator.credentials.create({ publicKey: parse(answer.options) });
      const fields = {};
      for (const name of ['password', 'repeat']) if (form.elements[name]) fields[name] = form.elements[name].value;
      const done = await post('', { registrationId: answer.registrationId, response: toJSON(credential), ...fields });
      const result = await done.json();
      if (done.ok && result.redirect) { location.assign(result.redirect); return; }
      out.textContent = result.message || form.dataset.failed;
    } catch {
      out.textContent = form.dataset.failed;
    }
  });
})();
`;
