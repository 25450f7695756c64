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
 * two minutes. Errors are `{ error, message }` with a stable code (docs/protocols/enrollment.md).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PeopleStore } from '../../people/PeopleStore.ts';
import { validateCpr } from '../../people/validateCpr.ts';
import { AppError } from '../../platform/http/errors.ts';
import { perAddressMax } from '../../platform/http/perAddress.ts';
import { perClient } from '../../platform/http/perClient.ts';
import type { EnrollmentContext } from './enrollmentContext.ts';

const IDENTIFICATION_MAX_AGE_MS = 15 * 60_000;

type RaError =
  | 'invalid_client'
  | 'invalid_request'
  | 'unknown_person'
  | 'identification_too_old'
  | 'already_enrolled';

const status: Record<RaError, number> = {
  invalid_client: 401,
  invalid_request: 400,
  unknown_person: 422,
  identification_too_old: 422,
  already_enrolled: 409,
};

function fail(reply: FastifyReply, error: RaError, message: string): FastifyReply {
  if (error === 'invalid_client') reply.header('www-authenticate', 'Basic realm="mitid-ra"');
  return reply.code(status[error]).header('cache-control', 'no-store').send({ error, message });
}

/** RATE_LIMIT_PER_CLIENT calls a minute per authenticated bank, counted in the database. */
const perRaClient = (ctx: EnrollmentContext) =>
  perClient({
    db: ctx.deps.db,
    clock: ctx.deps.clock,
    scope: 'ra-api',
    max: ctx.deps.config.rateLimitPerClient,
    authenticate: (authorization) => ctx.authenticateRa(authorization),
    refuse: () => new AppError('ERR_RATE_LIMITED'),
  });

const str = (v: unknown, max: number): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined;

export function registerRaApi(app: FastifyInstance, ctx: EnrollmentContext): void {
  const people = new PeopleStore(ctx.deps.db);

  app.post(
    '/api/ra/v1/enrollments',
    {
      config: { csrf: false, rateLimit: { max: perAddressMax('api'), timeWindow: 60_000 } },
      preHandler: perRaClient(ctx),
    },
    async (req, reply) => {
      const client = ctx.authenticateRa(req.headers.authorization);
      if (!client) return fail(reply, 'invalid_client', 'client authentication failed');
      const body = (typeof req.body === 'object' && req.body ? req.body : {}) as Record<string, unknown>;
      const cprInput = str(body.cpr, 11);
      const name = str(body.name, 200);
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
        return fail(reply, 'invalid_request', 'cpr, name, identifiedBy and identifiedAt are required');
      }
      if (!returnUrl || !ctx.returnUrlAllowed(client, returnUrl)) {
        return fail(reply, 'invalid_request', 'returnUrl must be on the client origin');
      }
      const now = ctx.deps.clock.now().getTime();
      if (identifiedAt > now + 60_000 || now - identifiedAt > IDENTIFICATION_MAX_AGE_MS) {
        return fail(
          reply,
          'identification_too_old',
          'the customer must have been identified in the last 15 minutes',
        );
      }
      const person = await people.getByCpr(cpr.cpr);
      const registered = person ? `${person.givenName} ${person.familyName}` : '';
      if (!person || registered.localeCompare(name.trim(), 'da', { sensitivity: 'accent' }) !== 0) {
        // One answer for both: the API must not tell which CPR numbers exist.
        return fail(reply, 'unknown_person', 'no person with this CPR number and name');
      }
      // An enrollment under way is resumed; a person whose MitID is complete is refused.
      if (!(await ctx.enrollments.openFor(cpr.cpr)) && (await ctx.hasMitid(cpr.cpr))) {
        return fail(reply, 'already_enrolled', 'the person has MitID already');
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
  );
}

/**
 * GET /api/ra/v1/people/:cpr/mitid — where a customer stands with MitID, so the bank can show the
 * right banner: `none`, `enrolling` (with the step), or the identity's status.
 */
export function registerRaStatus(
  app: FastifyInstance,
  ctx: EnrollmentContext,
  identityStatus: (cpr: string) => Promise<string | undefined>,
): void {
  app.get(
    '/api/ra/v1/people/:cpr/mitid',
    {
      config: { csrf: false, rateLimit: { max: perAddressMax('api'), timeWindow: 60_000 } },
      preHandler: perRaClient(ctx),
    },
    async (req, reply) => {
      const client = ctx.authenticateRa(req.headers.authorization);
      if (!client) return fail(reply, 'invalid_client', 'client authentication failed');
      const cpr = validateCpr((req.params as { cpr: string }).cpr.slice(0, 11));
      if (!cpr.ok) return fail(reply, 'invalid_request', 'cpr must be a CPR number');
      reply.header('cache-control', 'no-store');
      const open = await ctx.enrollments.openFor(cpr.cpr);
      if (open) return { status: 'enrolling', step: open.state.step };
      return { status: (await identityStatus(cpr.cpr)) ?? 'none' };
    },
  );
}
