/** A client from CLIENTS_FILE logs in at its dialect's provider right after the start. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { discover, REDIRECT, simulatedLogin, startTestOp, type TestOp } from './testOp.ts';

const SECRET = 'file-client-secret-for-the-e2e-test-0123456789';
let op: TestOp;
before(async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'clients-file-')), 'clients.json');
  writeFileSync(
    file,
    JSON.stringify([
      {
        client_id: 'from-file',
        client_name: 'Fra filen',
        dialect: 'signaturgruppen',
        client_secret: SECRET,
        redirect_uris: [REDIRECT],
        test_client: true,
      },
    ]),
  );
  op = await startTestOp('sqlite', { env: { CLIENTS_FILE: file } });
});
after(async () => op?.close());

test('the file client authenticates with its secret and logs in', async () => {
  const config = await discover(op, '/op', { id: 'from-file', secret: SECRET });
  const { tokens } = await simulatedLogin(op, config);
  assert.equal(tokens.claims()?.aud, 'from-file');
});
