/**
 * The registration-authority API: a bank starts (or resumes) an enrollment for a customer it has
 * identified, and gets the address to send the customer's browser to.
 *
 *   POST /api/ra/v1/enrollments   Authorization: Basic <client_id:secret>
 *   { cpr, name, identifiedBy, identifiedAt, returnUrl }
 *   201 { enrollmentId, continueUrl, resumed }
 *
 * Rules: the client authenticates with its secret; the person exists in the registry with that
 * name; the identification is recent (15 minutes); the return URL is on the client's origin; a
 * person who has MitID already is refused; the hand-over ticket in continueUrl works once, for
 * two minutes. Errors are `{ error, message, reference }` with a stable code (docs/protocols/enrollment.md).
 */
import type { FastifyInstance } from 'fastify';
import type { Permission } from '../../../core/clients/index.ts';
import { refuse } from '../../../core/errors/index.ts';
import { PeopleStore, validateCpr } from '../../../core/people/index.ts';
import { useErrors } from '../../../platform/http/errorWire.ts';
import { perAddressMax } from '../../../platform/http/perAddress.ts';
import { perClient } from '../../../platform/http/perClient.ts';
import { checkPersonText } from '../../../platform/text/checkPersonText.ts';
import type { EnrollmentContext } from './enrollmentContext.ts';

const IDENTIFICATION_MAX_AGE_MS = 15 * 60_000;

/**
 * The RA API's scope: its refusals are the catalogue's (src/core/errors), answered with their
 * ra/v1 names as `{ error, message, reference, ...details }`, the message in the Accept-Language's
 * language; a Basic challenge names the realm `mitid-ra`.
 */
export function raScope(app: FastifyInstance, routes: (scope: FastifyInstance) => void): void {
  app.register(async (scope) => {
    useErrors(scope, 'ra/v1', { realm: 'mitid-ra' });
    routes(scope);
  });
}

/** RATE_LIMIT_PER_CLIENT calls a minute per authenticated bank, counted in the database. */
const perRaClient = (ctx: EnrollmentContext, permission: Permission) =>
  perClient({
    db: ctx.deps.db,
    clock: ctx.deps.clock,
    scope: 'ra-api',
    max: ctx.deps.config.rateLimitPerClient,
    authenticate: (authorization) => ctx.clients.authenticateBasic(authorization, permission),
    refuse: () => refuse('ERR_RATE_LIMITED'),
  });

const str = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;

export function registerRaApi(app: FastifyInstance, ctx: EnrollmentContext): void {
  const people = new PeopleStore(ctx.deps.db);
  const limit = perRaClient(ctx, 'enrollment.start');

  raScope(app, (app) =>
    app.post(
      '/api/ra/v1/enrollments',
      {
        config: { csrf: false, rateLimit: { max: perAddressMax('api'), timeWindow: 60_000 } },
        preHandler: limit.preHandler,
      },
      async (req, reply) => {
        const client = limit.clientOf(req);
        if (!client) throw refuse('ERR_INVALID_CLIENT');
        const body = (typeof req.body === 'object' && req.body ? req.body : {}) as Record<string, unknown>;
        const cprInput = str(body.cpr, 11);
        // The name is compared with the registry's, and a collation ignores format characters:
        // "Anna\u200b Berg" must not pass as Anna Berg. The same rule as every text a bank sends.
        const checkedName =
          body.name === undefined ? undefined : checkPersonText(body.name, { field: 'name', max: 200 });
        if (checkedName && !checkedName.ok && checkedName.problem !== 'empty') {
          throw refuse('ERR_BAD_REQUEST', {
            field: 'name',
            problem: checkedName.problem,
          });
        }
        const name = checkedName?.ok ? checkedName.value : undefined;
        const identifiedBy = str(body.identifiedBy, 50);
        const identifiedAt = typeof body.identifiedAt === 'number' ? body.identifiedAt : Number.NaN;
        const returnUrl = str(body.returnUrl, 500);
        const cpr = cprInput ? validateCpr(cprInput) : undefined;
        if (
          !cpr?.ok ||
          !name ||
          !identifiedBy ||
          !/^[a-z0-9-]+$/.test(identifiedBy) ||
          !Number.isFinite(identifiedAt)
        ) {
          throw refuse('ERR_BAD_REQUEST');
        }
        if (!returnUrl || !ctx.clients.returnUrlAllowed(client, returnUrl)) {
          throw refuse('ERR_BAD_REQUEST');
        }
        const now = ctx.deps.clock.now().getTime();
        if (identifiedAt > now + 60_000 || now - identifiedAt > IDENTIFICATION_MAX_AGE_MS) {
          throw refuse('ERR_IDENTIFICATION_TOO_OLD');
        }
        const person = await people.getByCpr(cpr.cpr);
        const registered = person ? `${person.givenName} ${person.familyName}` : '';
        if (!person || registered.localeCompare(name.trim(), 'da', { sensitivity: 'accent' }) !== 0) {
          // One answer for both: the API must not tell which CPR numbers exist.
          throw refuse('ERR_UNKNOWN_PERSON');
        }
        // An enrollment under way is resumed; a person whose MitID is complete is refused.
        if (!(await ctx.enrollments.openFor(cpr.cpr)) && (await ctx.hasMitid(cpr.cpr))) {
          throw refuse('ERR_ALREADY_HAS_MITID');
        }
        const ticket = ctx.deps.random.token(32);
        const { enrollment, resumed } = await ctx.enrollments.start(
          {
            cpr: cpr.cpr,
            route: 'bank',
            raClientId: client.id,
            raName: client.name,
            identifiedBy,
            returnUrl,
            ticket,
          },
          now,
          ctx.newId(),
        );
        req.log.info(
          { enrollmentId: enrollment.id, ra: client.id, resumed },
          'enrollment started by registration authority',
        );
        const continueUrl = new URL('/tilmelding/overtag', ctx.deps.config.mitidUrl);
        continueUrl.searchParams.set('ticket', ticket);
        return reply
          .code(resumed ? 200 : 201)
          .header('cache-control', 'no-store')
          .send({ enrollmentId: enrollment.id, continueUrl: continueUrl.toString(), resumed });
      },
    ),
  );
}

/** What a bank may learn about a person's MitID (docs/decisions/0004-ra-status-disclosure.md). */
export type RaMitidStatus = 'none' | 'enrolling' | 'active';

/** A bank's assertion that it identified its customer is good for this long (a working day). */
export const STATUS_IDENTIFICATION_MAX_AGE_MS = 12 * 60 * 60_000;

/** The coarse status: no step, and nothing of blocked or revoked (that is between MitID and the person). */
export function coarseStatus(enrolling: boolean, identity: string | undefined): RaMitidStatus {
  if (enrolling || identity === 'pending_activation') return 'enrolling';
  return identity === 'active' || identity === 'blocked' ? 'active' : 'none';
}

/**
 * POST /api/ra/v1/people/mitid-status  { cpr, name?, identifiedAt? } — where a customer stands
 * with MitID, so the bank can show the right banner: `none`, `enrolling` or `active`.
 *
 * A bank learns this only about a person it has a reason to ask about: one it started an
 * enrollment for, or one it says it identified in the last 12 hours and names as the registry
 * does. About anyone else it gets `none`, the answer for a CPR number no one has. The CPR number
 * travels in the body, never in a URL (which ends up in access logs). Every answer takes the same
 * queries, so the time does not tell the status either.
 */
export function registerRaStatus(
  app: FastifyInstance,
  ctx: EnrollmentContext,
  identityStatus: (cpr: string) => Promise<string | undefined>,
): void {
  const people = new PeopleStore(ctx.deps.db);
  const limit = perRaClient(ctx, 'enrollment.status');
  raScope(app, (app) =>
    app.post(
      '/api/ra/v1/people/mitid-status',
      {
        config: { csrf: false, rateLimit: { max: perAddressMax('api'), timeWindow: 60_000 } },
        preHandler: limit.preHandler,
      },
      async (req, reply) => {
        const client = limit.clientOf(req);
        if (!client) throw refuse('ERR_INVALID_CLIENT');
        const body = (typeof req.body === 'object' && req.body ? req.body : {}) as Record<string, unknown>;
        const cprInput = str(body.cpr, 11);
        const cpr = cprInput ? validateCpr(cprInput) : undefined;
        const name = body.name === undefined ? '' : str(body.name, 200);
        const identifiedAt = body.identifiedAt === undefined ? Number.NaN : body.identifiedAt;
        if (!cpr?.ok || name === undefined || typeof identifiedAt !== 'number') {
          throw refuse('ERR_BAD_REQUEST');
        }
        const now = ctx.deps.clock.now().getTime();
        const [person, startedByClient, open, identity] = await Promise.all([
          people.getByCpr(cpr.cpr),
          ctx.enrollments.startedBy(cpr.cpr, client.id),
          ctx.enrollments.openFor(cpr.cpr),
          identityStatus(cpr.cpr),
        ]);
        const registered = person ? `${person.givenName} ${person.familyName}` : '';
        const identifiedRecently =
          person !== undefined &&
          name.length > 0 &&
          registered.localeCompare(name.trim(), 'da', { sensitivity: 'accent' }) === 0 &&
          identifiedAt <= now + 60_000 &&
          now - identifiedAt <= STATUS_IDENTIFICATION_MAX_AGE_MS;
        const status: RaMitidStatus =
          startedByClient || identifiedRecently ? coarseStatus(open !== undefined, identity) : 'none';
        // For the audit trail: who asked, and on what ground (never the CPR number or the answer).
        req.log.info(
          {
            ra: client.id,
            ground: startedByClient ? 'enrollment' : identifiedRecently ? 'identified' : 'none',
          },
          'registration authority asked for a MitID status',
        );
        return reply.header('cache-control', 'no-store').send({ status });
      },
    ),
  );
}
