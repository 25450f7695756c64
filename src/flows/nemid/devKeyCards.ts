/**
 * Development only (config.devPages): every person with NemID, their user-ID and their active
 * key card with all codes, used ones marked. Lets a developer or a test log on as a demo person.
 * The password is not here: only its hash is stored.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../core/db/index.ts';
import { html } from '../../platform/html/html.ts';

export interface DevKeyCardPerson {
  cpr: string;
  name: string;
  userId: string;
  keyCard: null | {
    cardNumber: string;
    codes: { keyNo: string; code: string; used: boolean }[];
  };
}

export async function listDevKeyCards(db: Kysely<MitidDb>): Promise<DevKeyCardPerson[]> {
  const people = await db
    .selectFrom('people as p')
    .innerJoin('nemid_credentials as c', 'c.cpr', 'p.cpr')
    .leftJoin('nemid_key_cards as k', (j) => j.onRef('k.cpr', '=', 'p.cpr').on('k.active', '=', 1))
    .select(['p.cpr', 'p.given_name', 'p.family_name', 'c.user_id', 'k.id as card_id', 'k.card_number'])
    .orderBy('p.given_name')
    .orderBy('p.family_name')
    .orderBy('p.cpr')
    .execute();
  const cardIds = people.flatMap((p) => (p.card_id ? [p.card_id] : []));
  const codes =
    cardIds.length === 0
      ? []
      : await db
          .selectFrom('nemid_key_codes')
          .select(['card_id', 'key_no', 'code', 'used_at'])
          .where('card_id', 'in', cardIds)
          .orderBy('card_id')
          .orderBy('key_no')
          .execute();
  return people.map((p) => ({
    cpr: p.cpr,
    name: `${p.given_name} ${p.family_name}`,
    userId: p.user_id,
    keyCard:
      p.card_id && p.card_number
        ? {
            cardNumber: p.card_number,
            codes: codes
              .filter((c) => c.card_id === p.card_id)
              .map((c) => ({ keyNo: c.key_no, code: c.code, used: c.used_at !== null })),
          }
        : null,
  }));
}

export function registerDevKeyCards(app: FastifyInstance, db: Kysely<MitidDb>): void {
  app.get('/dev/noeglekort.json', async (_req, reply) => {
    return reply.header('cache-control', 'no-store').send({ people: await listDevKeyCards(db) });
  });

  app.get('/dev/noeglekort', async (req, reply) => {
    const t = req.t;
    const people = await listDevKeyCards(db);
    const body = html`<h1>${t('nemid.dev.title')}</h1>
<p class="dev-banner">${t('nemid.dev.banner')}</p>
<p><a href="/dev/noeglekort.json">${t('nemid.dev.json')}</a></p>
${people.length === 0 ? html`<p>${t('nemid.dev.none')}</p>` : ''}
${people.map(
  (p) => html`<section class="dev-person">
  <h2>${p.name} <span class="form-hint">(${p.cpr.slice(0, 6)}-${p.cpr.slice(6)})</span></h2>
  <p>${t('nemid.dev.userId', { userId: p.userId })}</p>
  ${
    p.keyCard
      ? html`<table class="table table--compact keycard-table">
    <caption>${t('nemid.dev.cardCaption', { card: p.keyCard.cardNumber, unused: p.keyCard.codes.filter((c) => !c.used).length })}</caption>
    <thead><tr><th scope="col">${t('nemid.dev.key')}</th><th scope="col">${t('nemid.dev.code')}</th></tr></thead>
    <tbody>
      ${p.keyCard.codes.map((c) =>
        c.used
          ? html`<tr class="keycard-used"><td><s>${c.keyNo}</s></td><td><s>${c.code}</s> (${t('nemid.dev.used')})</td></tr>`
          : html`<tr><td>${c.keyNo}</td><td>${c.code}</td></tr>`,
      )}
    </tbody>
  </table>`
      : html`<p>${t('nemid.dev.noCard')}</p>`
  }
</section>`,
)}`;
    return reply.page(t('nemid.dev.title'), body);
  });
}
