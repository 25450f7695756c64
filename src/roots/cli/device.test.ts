/** The device CLI, run as a developer runs it, on a fresh data folder: batch, import, code, list. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'device.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'device-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);

function run(...args: string[]) {
  const res = spawnSync(process.execPath, ['--disable-warning=ExperimentalWarning', cli, ...args], {
    env: { ...process.env, DATA_DIR: path.join(dir, 'data'), DATABASE_URL: 'sqlite' },
    encoding: 'utf8',
  });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

test('bad usage: one line, exit code 2, nothing written', () => {
  for (const args of [
    ['frob'],
    ['batch', '--kind', 'chip', '--count', '3', '--out', at('x.pskc'), '--key-out', at('x.key')],
    ['batch', '--kind', 'codeDisplay', '--count', '0', '--out', at('x.pskc'), '--key-out', at('x.key')],
    ['batch', '--kind', 'codeDisplay', '--count', '3'],
    ['import', at('x.pskc')],
    ['code', 'KV-12'],
    ['list', '--status', 'lost'],
  ]) {
    const r = run(...args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.err.trim().split('\n').length, 1, r.err);
  }
  assert.equal(existsSync(at('x.pskc')), false);
  assert.equal(existsSync(at('data')), false, 'not even the database');
});

test('batch, import, code and list; a second import of the file is refused whole', () => {
  const made = run(
    'batch',
    '--kind',
    'codeReader',
    '--count',
    '4',
    '--out',
    at('b.pskc'),
    '--key-out',
    at('b.key'),
  );
  assert.equal(made.code, 0, made.err);
  assert.match(made.out, /4 codeReader devices/);
  assert.match(readFileSync(at('b.key'), 'utf8'), /^[0-9a-f]{32}\n$/);
  assert.equal(statSync(at('b.key')).mode & 0o077, 0, 'the key file is private');
  assert.equal(
    run('list').out.trim(),
    'serial        kind         status     order\n0 devices',
    'batch imports nothing',
  );
  const again = run(
    'batch',
    '--kind',
    'codeReader',
    '--count',
    '1',
    '--out',
    at('b.pskc'),
    '--key-out',
    at('c.key'),
  );
  assert.equal(again.code, 1, 'never overwrites');

  const imported = run('import', at('b.pskc'), '--key', at('b.key'));
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, /Imported batch \S+: 4 devices \(4 codeReader\)/);
  const list = run('list', '--kind', 'codeReader', '--status', 'in_stock');
  const serials = [...list.out.matchAll(/^(KO-\d{9}) +codeReader +in_stock +-$/gm)].map((m) => m[1] ?? '');
  assert.equal(serials.length, 4, list.out);
  const code = run('code', serials[0] ?? '');
  assert.equal(code.code, 0, code.err);
  assert.match(code.out, /^\d{6}\n$/);
  assert.equal(run('code', 'KV-000000000').code, 1);

  const twice = run('import', at('b.pskc'), '--key', at('b.key'));
  assert.equal(twice.code, 1);
  assert.match(
    twice.err,
    /^Nothing was imported from .*:\n {2}entry 1 \(KO-\d{9}\): the serial is already in the stock\n/,
  );
  assert.equal(twice.err.trim().split('\n').length, 5, 'each problem named');
});

test('import of a changed file with a wrong key: each problem named, exit 1, nothing imported', () => {
  const made = run(
    'batch',
    '--kind',
    'codeDisplay',
    '--count',
    '3',
    '--out',
    at('d.pskc'),
    '--key-out',
    at('d.key'),
  );
  assert.equal(made.code, 0, made.err);
  writeFileSync(at('wrong.key'), `${'ab'.repeat(16)}\n`);
  const wrong = run('import', at('d.pskc'), '--key', at('wrong.key'));
  assert.equal(wrong.code, 1);
  assert.match(wrong.err, /file: (the transport key does not open the MAC key|no entry.s ValueMAC matches)/);
  writeFileSync(at('bad.key'), 'not a key');
  assert.equal(run('import', at('d.pskc'), '--key', at('bad.key')).code, 1);
  const xml = readFileSync(at('d.pskc'), 'utf8').replace('Length="6"', 'Length="8"');
  writeFileSync(at('e.pskc'), xml);
  const bad = run('import', at('e.pskc'), '--key', at('d.key'));
  assert.equal(bad.code, 1);
  assert.match(bad.err, /entry 1 \(KV-\d{9}\): the ResponseFormat is not Length 6 Encoding DECIMAL/);
  assert.match(run('list', '--kind', 'codeDisplay').out, /0 devices/);
});
