import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { html, unsafeRaw } from './html.ts';

test('interpolated text is escaped', () => {
  const name = '<script>alert("x")</script>';
  assert.equal(html`<p>${name}</p>`.value, '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
});

test('nested html and arrays are not escaped twice', () => {
  const items = ['a&b', 'c'].map((s) => html`<li>${s}</li>`);
  assert.equal(html`<ul>${items}</ul>`.value, '<ul><li>a&amp;b</li><li>c</li></ul>');
  assert.equal(html`${unsafeRaw('<br>')}`.value, '<br>');
});

test('no string can produce a tag or break out of an attribute', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const out = html`<input value="${s}">`.value;
      const inner = out.slice('<input value="'.length, -2);
      return !/[<>"'`]/.test(inner);
    }),
  );
});
