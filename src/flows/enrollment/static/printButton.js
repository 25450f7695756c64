// "Print" on the terms page. CSP forbids inline handlers (script-src 'self'), so a
// <button type="button" data-print hidden> is shown and wired here; without JavaScript it stays
// hidden and the browser's own print command prints the same page (see print.css).
for (const button of document.querySelectorAll('button[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
