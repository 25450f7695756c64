/**
 * The Borgerservice clerk page (decision 0014 §5), on the MitID service:
 *   GET  /borgerservice                               the staff login, or (logged in) "Dagens
 *                                                     afhentninger" of the clerk's office
 *   POST /borgerservice/login                         login + password (core/staff: throttled per
 *                                                     login and per address, unknown = wrong)
 *   POST /borgerservice/logout
 *   GET  /borgerservice/afhentning/:orderId           "Kontrollér legitimation": ID type, number
 *   POST /borgerservice/afhentning/:orderId/legitimation   keeps the type and the last 4 only
 *   GET  /borgerservice/afhentning/:orderId/serienummer    "Scan eller indtast serienummeret"
 *   POST /borgerservice/afhentning/:orderId/udlever        "Udlevér": the desk's handOver, once
 *   GET  /borgerservice/afhentning/:orderId/udleveret      the receipt
 * A session of its own (cookie mitid_borgerservice, 8 hours, in the database); every form carries
 * the CSRF token. An order is reachable only through the clerk's own office's pickups of today, so
 * a clerk of another office, or a stranger with an order id, gets "not among today's pickups".
 * A disabled clerk's session ends at the next request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceDeps } from '../../config/deps.ts';
import type { MitidDb } from '../../core/db/index.ts';
import { type Staff, StaffRegistry } from '../../core/staff/index.ts';
import { SessionStore, Sessions } from '../../platform/http/session.ts';
import { addDays, copenhagenDate, copenhagenEpoch } from '../../platform/time/copenhagenTime.ts';
import { formatOrderTime } from '../../platform/time/formatOrderTime.ts';
import { type DeskPickup, ID_TYPES, type IdType, type PickupDesk } from './PickupDesk.ts';
import {
  donePage,
  type IdErrors,
  idPage,
  loginPage,
  logoutForm,
  messagePage,
  serialPage,
  todayPage,
} from './pages.ts';

export const CLERK_COOKIE = 'mitid_borgerservice';
const CLERK_TTL_MS = 8 * 3600_000;

interface ClerkSession {
  staffId: string;
  /** The ID checked for one order: its type and the last 4 characters of its number only. */
  check?: { orderId: string; idType: IdType; idLast4: string };
}

interface Clerk {
  session: ClerkSession;
  staff: Staff & { officeId: string };
  officeName: string;
}

const ORDER_ID_RE = /^[A-Za-z0-9_-]{1,64}$/;

/** "AB 12-34567" → "AB1234567": letters and digits only, upper case. */
const documentNumber = (raw: unknown): string =>
  typeof raw === 'string' ? raw.normalize('NFC').replace(/[\s-]/g, '').toUpperCase() : '';

export function registerBorgerservice(
  app: FastifyInstance,
  deps: ServiceDeps<MitidDb>,
  desk: PickupDesk,
): void {
  const staff = new StaffRegistry({ db: deps.db, clock: deps.clock, random: deps.random });
  const sessions = new Sessions<ClerkSession>(new SessionStore(deps.db), {
    cookieName: CLERK_COOKIE,
    ttlMs: CLERK_TTL_MS,
    secure: deps.config.mitidUrl.startsWith('https:'),
    clock: deps.clock,
    random: deps.random,
  });
  const now = (): number => deps.clock.now().getTime();

  const shell = (
    req: FastifyRequest,
    reply: FastifyReply,
    clerk: Clerk | undefined,
    title: string,
    body: Parameters<FastifyReply['page']>[1],
    status = 200,
  ) =>
    reply.header('cache-control', 'no-store').page(title, body, {
      status,
      ...(clerk
        ? {
            headerExtra: logoutForm(
              req.t,
              reply.generateCsrf(),
              req.t('borgerservice.who', { name: clerk.staff.name, office: clerk.officeName }),
            ),
          }
        : {}),
    });

  /** The logged-in clerk, or the login page (GET) / a redirect to it (POST) written. */
  const requireClerk = async (req: FastifyRequest, reply: FastifyReply): Promise<Clerk | undefined> => {
    const session = await sessions.load(req);
    const member = session ? await staff.get(session.staffId) : undefined;
    if (session && member && member.disabledAt === null && member.role === 'clerk' && member.officeId) {
      const office = await desk.getOffice(member.officeId);
      return {
        session,
        staff: { ...member, officeId: member.officeId },
        officeName: office?.name ?? member.officeId,
      };
    }
    if (session) await sessions.end(req, reply);
    if (req.method === 'GET')
      await shell(
        req,
        reply,
        undefined,
        req.t('borgerservice.title'),
        loginPage(req.t, reply.generateCsrf()),
      );
    else await reply.redirect('/borgerservice', 303);
    return undefined;
  };

  const today = (): [number, number] => {
    const date = copenhagenDate(now());
    return [copenhagenEpoch(date, 0, 0), copenhagenEpoch(addDays(date, 1), 0, 0)];
  };

  /** The order among today's pickups of the clerk's office, or a refusal page written. */
  const pickupOf = async (
    req: FastifyRequest,
    reply: FastifyReply,
    clerk: Clerk,
  ): Promise<DeskPickup | undefined> => {
    const orderId = String((req.params as { orderId?: string }).orderId ?? '');
    const [from, to] = today();
    const found = ORDER_ID_RE.test(orderId)
      ? (await desk.pickupsOf(clerk.staff.officeId, from, to)).find((p) => p.orderId === orderId)
      : undefined;
    if (found) return found;
    await refusal(req, reply, clerk, 'orderNotFound', 404);
    return undefined;
  };

  const refusal = (
    req: FastifyRequest,
    reply: FastifyReply,
    clerk: Clerk,
    reason: 'orderNotFound' | 'notReady' | 'alreadyCollected' | 'idInvalid',
    status: number,
  ) =>
    shell(
      req,
      reply,
      clerk,
      req.t('borgerservice.title'),
      messagePage(req.t, req.t('borgerservice.title'), req.t(`borgerservice.refusal.${reason}`)),
      status,
    );

  /** A pickup that can be handed over now, or the reason written. */
  const readyPickup = async (
    req: FastifyRequest,
    reply: FastifyReply,
    clerk: Clerk,
  ): Promise<DeskPickup | undefined> => {
    const p = await pickupOf(req, reply, clerk);
    if (!p) return undefined;
    if (p.status === 'ready_for_pickup') return p;
    await refusal(req, reply, clerk, p.status === 'collected' ? 'alreadyCollected' : 'notReady', 409);
    return undefined;
  };

  app.get('/borgerservice', async (req, reply) => {
    const clerk = await requireClerk(req, reply);
    if (!clerk) return reply;
    const [from, to] = today();
    const pickups = await desk.pickupsOf(clerk.staff.officeId, from, to);
    return shell(
      req,
      reply,
      clerk,
      req.t('borgerservice.today.title'),
      todayPage(req.t, req.lang, clerk.officeName, now(), pickups),
    );
  });

  app.post('/borgerservice/login', async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const typedLogin = typeof body.login === 'string' ? body.login.slice(0, 40) : '';
    const result = await staff.login(body.login, body.password, req.ip);
    const refuse = (message: string) =>
      shell(
        req,
        reply,
        undefined,
        req.t('borgerservice.title'),
        loginPage(req.t, reply.generateCsrf(), message, typedLogin),
        400,
      );
    if (!result.ok) {
      return refuse(
        result.reason === 'locked'
          ? req.t('borgerservice.login.locked', { time: formatOrderTime(req.lang, result.until) })
          : req.t('borgerservice.login.wrong'),
      );
    }
    if (result.staff.role !== 'clerk' || !result.staff.officeId)
      return refuse(req.t('borgerservice.login.notClerk'));
    await sessions.start(req, reply, { staffId: result.staff.id });
    return reply.redirect('/borgerservice', 303);
  });

  app.post('/borgerservice/logout', async (req, reply) => {
    await sessions.end(req, reply);
    return reply.redirect('/borgerservice', 303);
  });

  app.get('/borgerservice/afhentning/:orderId', async (req, reply) => {
    const clerk = await requireClerk(req, reply);
    if (!clerk) return reply;
    const p = await readyPickup(req, reply, clerk);
    if (!p) return reply;
    return shell(
      req,
      reply,
      clerk,
      req.t('borgerservice.id.title'),
      idPage(req.t, req.lang, p, reply.generateCsrf()),
    );
  });

  app.post('/borgerservice/afhentning/:orderId/legitimation', async (req, reply) => {
    const clerk = await requireClerk(req, reply);
    if (!clerk) return reply;
    const p = await readyPickup(req, reply, clerk);
    if (!p) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const idType = (ID_TYPES as readonly unknown[]).includes(body.idType)
      ? (body.idType as IdType)
      : undefined;
    const number = documentNumber(body.idNumber);
    const errors: IdErrors = {
      ...(idType ? {} : { type: req.t('borgerservice.id.typeMissing') }),
      ...(/^[0-9A-Z]{5,20}$/.test(number) ? {} : { number: req.t('borgerservice.id.numberInvalid') }),
    };
    if (!idType || errors.number) {
      return shell(
        req,
        reply,
        clerk,
        req.t('borgerservice.id.title'),
        idPage(req.t, req.lang, p, reply.generateCsrf(), errors, idType),
        400,
      );
    }
    await sessions.update(req, {
      staffId: clerk.staff.id,
      check: { orderId: p.orderId, idType, idLast4: number.slice(-4) },
    });
    return reply.redirect(`/borgerservice/afhentning/${p.orderId}/serienummer`, 303);
  });

  /** The ID checked for this order in this session, or back to the ID step. */
  const checkedId = (clerk: Clerk, p: DeskPickup) =>
    clerk.session.check?.orderId === p.orderId ? clerk.session.check : undefined;

  app.get('/borgerservice/afhentning/:orderId/serienummer', async (req, reply) => {
    const clerk = await requireClerk(req, reply);
    if (!clerk) return reply;
    const p = await readyPickup(req, reply, clerk);
    if (!p) return reply;
    const id = checkedId(clerk, p);
    if (!id) return reply.redirect(`/borgerservice/afhentning/${p.orderId}`, 303);
    return shell(
      req,
      reply,
      clerk,
      req.t('borgerservice.serial.title'),
      serialPage(req.t, req.lang, p, reply.generateCsrf(), id),
    );
  });

  app.post('/borgerservice/afhentning/:orderId/udlever', async (req, reply) => {
    const clerk = await requireClerk(req, reply);
    if (!clerk) return reply;
    const p = await pickupOf(req, reply, clerk);
    if (!p) return reply;
    const id = checkedId(clerk, p);
    if (p.status === 'collected') return refusal(req, reply, clerk, 'alreadyCollected', 409);
    if (!id) return reply.redirect(`/borgerservice/afhentning/${p.orderId}`, 303);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const serial = typeof body.serial === 'string' ? body.serial.slice(0, 40) : '';
    const serialError = (message: string) =>
      shell(
        req,
        reply,
        clerk,
        req.t('borgerservice.serial.title'),
        serialPage(req.t, req.lang, p, reply.generateCsrf(), id, message, serial),
        400,
      );
    if (serial.trim() === '') return serialError(req.t('borgerservice.serial.missing'));
    const result = await desk.handOver({
      orderId: p.orderId,
      serial,
      staffId: clerk.staff.id,
      idType: id.idType,
      idLast4: id.idLast4,
    });
    if (!result.ok) {
      if (result.reason === 'serialMismatch') return serialError(req.t('borgerservice.serial.mismatch'));
      return refusal(req, reply, clerk, result.reason, result.reason === 'orderNotFound' ? 404 : 409);
    }
    await sessions.update(req, { staffId: clerk.staff.id });
    return reply.redirect(`/borgerservice/afhentning/${p.orderId}/udleveret`, 303);
  });

  app.get('/borgerservice/afhentning/:orderId/udleveret', async (req, reply) => {
    const clerk = await requireClerk(req, reply);
    if (!clerk) return reply;
    const p = await pickupOf(req, reply, clerk);
    if (!p) return reply;
    if (p.status !== 'collected') return reply.redirect(`/borgerservice/afhentning/${p.orderId}`, 303);
    return shell(req, reply, clerk, req.t('borgerservice.done.title'), donePage(req.t, p));
  });
}
