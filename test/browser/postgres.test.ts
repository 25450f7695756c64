/**
 * The whole system on PostgreSQL: `npm start` with DATABASE_URL, a customer logs in to Min Bank
 * with NemID, and the data is where it should be (each service in its own schema). Required in CI.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { postgresAvailable, testPostgresUrl } from '../../src/platform/db/testDb.ts';
import { expectAccessible } from '../support/browser.ts';
import { keyCode } from '../support/data.ts';
import { nemidKeyCode, nemidPassword } from '../support/nemid.ts';
import { postgresAdmin } from '../support/postgresAdmin.ts';
import { useRunningSystem } from '../support/running.ts';

const available = await postgresAvailable();
const database = `mitid_e2e_${randomBytes(4).toString('hex')}`;
const url = new URL(testPostgresUrl);
url.pathname = `/${database}`;

describe('on PostgreSQL', { skip: available ? false : 'PostgreSQL does not answer' }, () => {
  before(() => postgresAdmin(`CREATE DATABASE "${database}"`));
  const env = useRunningSystem({ DATABASE_URL: url.toString() });
  after(() => postgresAdmin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));

  test('npm start migrates and seeds both schemas, and Jonas logs in to Min Bank', async () => {
    const page = await (await env.browser.newContext({ locale: 'da-DK' })).newPage();
    await page.goto(env.system.bankUrl);
    await page.getByRole('link', { name: 'Log på med NemID' }).click();
    await nemidPassword(page, 'Jonas1983');
    const key = await nemidKeyCode(page, env.data, 'Jonas1983');
    await page.waitForURL(`${env.system.bankUrl}/oversigt`);
    await page.getByRole('heading', { name: 'Nu er det din tur til at få MitID' }).waitFor();
    await expectAccessible(page);
    assert.notEqual((await keyCode(env.data, 'Jonas1983', key)).usedAt, null);
    assert.equal(env.data.mitid.dialect, 'postgres');
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const schemas = await client.query(
      "select table_schema, count(*)::int as n from information_schema.tables where table_schema in ('mitid', 'bank') group by 1 order by 1",
    );
    await client.end();
    assert.deepEqual(
      schemas.rows.map((r) => r.table_schema),
      ['bank', 'mitid'],
    );
    await page.context().close();
  });
});
