/**
 * For tests (not shipped code): the real MitID service on a loopback port (MITID_URL is that
 * port, so the self-service logs in through its own /op over HTTP), a person with an activated
 * app, a reduced browser (cookie jar, redirects followed), the login through the box approved by
 * the app, and the person's password through kinds/password's public API.
 */
import { createServer } from 'node:net';
import { type AppHarness, startAppHarness } from '../../../kinds/app/testing/index.ts';
import { createPassword, verifyPassword } from '../../../kinds/password/index.ts';
import type { Dialect } from '../../../platform/db/database.ts';
import { selfservicePortsOf } from '../../../roots/mitid/selfservicePorts.ts';
import type { SelfservicePorts } from '../ports.ts';

type TestDevice = ReturnType<AppHarness['device']>;

export interface SelfserviceOp {
  h: AppHarness;
  base: string;
  ports: SelfservicePorts;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startSelfserviceOp(dialect: Dialect): Promise<SelfserviceOp> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const h = await startAppHarness({ dialect, env: { MITID_URL: base } });
  // The provider's tokens use the real time; the service's clock stands at the same moment.
  h.clock.advance(Date.now() - h.clock.now().getTime());
  await h.app.listen({ host: 'localhost', port });
  return { h, base, ports: selfservicePortsOf(h.app), close: () => h.close() };
}

/** A browser reduced to cookies and redirects (a cleared cookie is dropped). */
export class Browser {
  readonly jar = new Map<string, string>();

  async fetch(url: URL | string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const cleared =
        value === '' ||
        attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (cleared) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects to the page at the end: its URL, status and text. */
  async follow(
    start: URL | string,
    init: RequestInit = {},
  ): Promise<{ url: URL; status: number; text: string }> {
    let url = new URL(start);
    let first: RequestInit | undefined = init;
    for (let hop = 0; hop < 15; hop++) {
      const res = await this.fetch(url, first);
      first = undefined;
      const location = res.headers.get('location');
      if (!location || res.status < 300 || res.status >= 400)
        return { url, status: res.status, text: await res.text() };
      await res.body?.cancel();
      url = new URL(location, url);
    }
    throw new Error('too many redirects');
  }

  /** A form post (urlencoded), redirects followed. */
  post(
    url: URL | string,
    fields: Record<string, string>,
  ): Promise<{ url: URL; status: number; text: string }> {
    return this.follow(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  }

  /** A JSON post (no redirects). */
  async json(
    url: URL | string,
    body: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await this.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
}

export const csrfOf = (page: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error('the page has no CSRF token');
  return token;
};

/**
 * "Log på MitID.dk" as a person makes it: the box asks for the user-ID, the app proves the code
 * the box shows and approves; the browser ends on the profile page, which is returned.
 */
export async function loginWithApp(
  op: SelfserviceOp,
  person: { userId: string },
  device: TestDevice,
  browser = new Browser(),
): Promise<{ browser: Browser; text: string; status: number }> {
  const start = await browser.follow(`${op.base}/selvbetjening/log-paa`);
  if (start.status !== 200) throw new Error(`the box did not open: ${start.status}`);
  const box = start.url;
  await browser.post(box, { _csrf: csrfOf(start.text), userId: person.userId });
  const waiting = await browser.follow(box);
  const code = /id="login-box-typed">([0-9 ]+)</.exec(waiting.text)?.[1]?.replace(/\s/g, '');
  if (!code) throw new Error('the box shows no code');
  const proved = await device.signed('POST', '/channel', { code });
  if (proved.statusCode !== 200) throw new Error(`the app's channel call: ${proved.statusCode}`);
  const [tx] = await device.pending();
  if (!tx) throw new Error('no transaction in the app');
  await device.decide(tx, 'approve');
  const approved = await browser.follow(box);
  const done = await browser.post(new URL(`${box.pathname}/done`, op.base), { _csrf: csrfOf(approved.text) });
  return { browser, text: done.text, status: done.status };
}

/** A password the person already has (as the activation of a code device leaves it). */
export async function givePassword(
  op: SelfserviceOp,
  person: { identityId: string; userId: string },
  password: string,
): Promise<void> {
  const made = await op.h.database.db.transaction().execute((trx) =>
    createPassword(trx, op.h.core.authenticators, {
      identityId: person.identityId,
      userId: person.userId,
      password,
      now: op.h.clock.now().getTime(),
    }),
  );
  if (!made.ok) throw new Error(`no password: ${made.code}`);
}

/** Whether `password` verifies against the person's stored hash (kinds/password's verifyPassword). */
export async function passwordVerifies(
  op: SelfserviceOp,
  identityId: string,
  password: string,
): Promise<boolean> {
  const [active] = (await op.h.core.authenticators.listFor(identityId, 'password')).filter(
    (a) => a.status === 'active',
  );
  if (!active) return false;
  const row = await op.h.database.db
    .selectFrom('passwords')
    .select('hash')
    .where('authenticator_id', '=', active.id)
    .executeTakeFirst();
  return row ? verifyPassword(row.hash, password) : false;
}
