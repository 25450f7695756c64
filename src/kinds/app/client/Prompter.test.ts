import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { Prompter } from './Prompter.ts';

test('lines piped in before the questions are answered in order; the end of input is undefined', async () => {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let written = '';
  stdout.on('data', (d) => {
    written += String(d);
  });
  stdin.end('12345678\n 246810 \n');
  const p = new Prompter({ stdin, stdout });
  assert.equal(await p.ask('Code: '), '12345678');
  assert.equal(await p.ask('PIN: ', { hidden: true }), '246810');
  assert.equal(await p.ask('More: '), undefined);
  p.close();
  assert.equal(written, 'Code: PIN: More: ');
});
