/**
 * The staff registry on both databases: creating (normalised, unique logins, offices that exist,
 * a generated password shown once), and the login's abuse cases: an unknown, a disabled and a
 * known login with a wrong password answer alike; 5 wrong → 15 minutes, for unknown logins too;
 * ten wrong at once compare at most five; a right password resets the count; one address trying
 * many logins is stopped; bad input changes nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dialectsUnderTest } from '../../platform/db/testDb.ts';
import { ADDRESS_FAILURES_MAX, BLOCK_MS, LOGIN_FAILURES_MAX, StaffRegistry } from './index.ts';
import { withStaff } from './testing/index.ts';

const PW = 'korrekt-hest-batteri';
const clerk = { name: 'Birgit Skranke', role: 'clerk', officeId: 'bs-101', login: 'Birgit.S ', password: PW };

for (const dialect of await dialectsUnderTest()) {
  describe(`staff registry on ${dialect}`, () => {
    test('create: a normalised login, the office, no password in the row; the login is unique', () =>
      withStaff(dialect, async ({ staff, database }) => {
        const made = await staff.create(clerk);
        assert.ok(made.ok);
        assert.equal(made.staff.login, 'birgit.s');
        assert.equal(made.staff.officeId, 'bs-101');
        assert.equal(made.generatedPassword, undefined);
        const row = await database.db.selectFrom('staff').selectAll().executeTakeFirstOrThrow();
        assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
        assert.ok(!row.password_hash.includes(PW));
        assert.deepEqual(await staff.create({ ...clerk, login: 'BIRGIT.S' }), {
          ok: false,
          reason: 'loginTaken',
        });
        assert.equal((await staff.list()).length, 1);
      }));

    test('create refuses bad input and writes nothing', () =>
      withStaff(dialect, async ({ staff }) => {
        const cases: [Record<string, unknown>, string][] = [
          [{ name: '' }, 'nameInvalid'],
          [{ name: 'A\u202Eb' }, 'nameInvalid'],
          [{ role: 'admin' }, 'roleInvalid'],
          [{ officeId: null }, 'officeRequired'],
          [{ officeId: 'bs-999' }, 'officeUnknown'],
          [{ officeId: 'København' }, 'officeUnknown'],
          [{ role: 'supporter' }, 'officeNotForSupporter'],
          [{ login: 'b' }, 'loginInvalid'],
          [{ login: 'birgit s' }, 'loginInvalid'],
          [{ password: 'short' }, 'passwordTooShort'],
          [{ password: 'x'.repeat(129) }, 'passwordTooLong'],
        ];
        for (const [over, reason] of cases) {
          assert.deepEqual(await staff.create({ ...clerk, ...over } as never), { ok: false, reason }, reason);
        }
        assert.equal((await staff.list()).length, 0);
      }));

    test('a generated password is returned once and logs in', () =>
      withStaff(dialect, async ({ staff }) => {
        const { password: _, ...rest } = clerk;
        const made = await staff.create({ ...rest, role: 'supporter', officeId: null });
        assert.ok(made.ok && made.generatedPassword);
        assert.ok(made.generatedPassword.length >= 20);
        const ok = await staff.login('birgit.s', made.generatedPassword, '10.0.0.1');
        assert.ok(ok.ok);
        assert.equal(ok.staff.role, 'supporter');
      }));

    test('unknown, disabled and wrong answer alike; a right one logs in', () =>
      withStaff(dialect, async ({ staff }) => {
        const made = await staff.create(clerk);
        assert.ok(made.ok);
        assert.deepEqual(await staff.login('nobody', PW, '10.0.0.1'), { ok: false, reason: 'wrong' });
        assert.deepEqual(await staff.login('birgit.s', 'wrong password', '10.0.0.1'), {
          ok: false,
          reason: 'wrong',
        });
        assert.deepEqual(await staff.login(undefined, undefined, '10.0.0.1'), { ok: false, reason: 'wrong' });
        const ok = await staff.login(' BIRGIT.S', PW, '10.0.0.1');
        assert.ok(ok.ok);
        assert.equal(ok.staff.id, made.staff.id);
        assert.ok(await staff.disable(made.staff.id));
        assert.equal(await staff.disable(made.staff.id), false);
        assert.deepEqual(await staff.login('birgit.s', PW, '10.0.0.1'), { ok: false, reason: 'wrong' });
      }));

    test('5 wrong → 15 minutes, the right password refused meanwhile; unknown logins alike', () =>
      withStaff(dialect, async ({ staff, clock }) => {
        assert.ok((await staff.create(clerk)).ok);
        for (const login of ['birgit.s', 'nobody.here']) {
          for (let i = 0; i < LOGIN_FAILURES_MAX; i++) {
            assert.deepEqual(await staff.login(login, `wrong-${i}`, '10.0.0.2'), {
              ok: false,
              reason: 'wrong',
            });
          }
          const locked = await staff.login(login, PW, '10.0.0.2');
          assert.deepEqual(locked, { ok: false, reason: 'locked', until: clock.now().getTime() + BLOCK_MS });
        }
        clock.advance(BLOCK_MS);
        assert.ok((await staff.login('birgit.s', PW, '10.0.0.2')).ok);
      }));

    test('a right password resets the count', () =>
      withStaff(dialect, async ({ staff }) => {
        assert.ok((await staff.create(clerk)).ok);
        for (let round = 0; round < 3; round++) {
          for (let i = 0; i < LOGIN_FAILURES_MAX - 1; i++) {
            assert.equal((await staff.login('birgit.s', 'wrong', '10.0.0.3')).ok, false);
          }
          assert.ok((await staff.login('birgit.s', PW, '10.0.0.3')).ok);
        }
      }));

    test('ten wrong passwords at once: at most five compared, then locked', () =>
      withStaff(dialect, async ({ staff }) => {
        assert.ok((await staff.create(clerk)).ok);
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => staff.login('birgit.s', `wrong-${i}`, `10.0.1.${i}`)),
        );
        assert.ok(results.filter((r) => !r.ok && r.reason === 'wrong').length <= LOGIN_FAILURES_MAX);
        assert.ok(results.some((r) => !r.ok && r.reason === 'locked'));
        assert.equal((await staff.login('birgit.s', PW, '10.0.2.1')).ok, false);
      }));

    test('one address trying many logins is stopped after the address limit', () =>
      withStaff(dialect, async ({ staff, database, clock }) => {
        assert.ok((await staff.create(clerk)).ok);
        for (let i = 0; i < ADDRESS_FAILURES_MAX; i++) {
          assert.deepEqual(await staff.login(`guess${i}`, 'x', '10.9.9.9'), { ok: false, reason: 'wrong' });
        }
        const r = await staff.login('birgit.s', PW, '10.9.9.9');
        assert.equal(r.ok === false && r.reason, 'locked');
        assert.ok((await staff.login('birgit.s', PW, '10.9.9.8')).ok, 'another address is not stopped');
        // The other registry on the same database (another node) sees the same block.
        const other = new StaffRegistry({
          db: database.db,
          clock,
          random: { token: () => '', digits: () => '', int: () => 0 },
        });
        assert.equal((await other.login('birgit.s', PW, '10.9.9.9')).ok, false);
      }));
  });
}
