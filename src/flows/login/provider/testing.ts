/**
 * For tests (not shipped code): a minimal broker dialect, until the real ones (flows/login/dialects)
 * are merged. It reads `simulation`, `acr_values` (a level word) and `ui_locales`; scopes `mitid`
 * (uuid, name, birth date) and `ssn` (the CPR number, needing mayCpr); Signaturgruppen's
 * behaviour for malformed requests is a page, Idura's a redirect.
 */
import type { Level } from '../../../core/authenticators/index.ts';
import type { Dialect, DialectName, LoginRequest } from '../dialects/Dialect.ts';

const LEVELS: readonly Level[] = ['low', 'substantial', 'high'];

export function testDialect(name: DialectName): Dialect {
  return {
    name,
    extraParams: ['simulation'],
    scopes: ['openid', 'mitid', 'ssn'],
    cprScopes: ['ssn'],
    parseRequest(params, client, settings) {
      let simulation: LoginRequest['simulation'] = null;
      if (typeof params.simulation === 'string') {
        const m = /^no-ui uuid:([A-Za-z0-9_-]{8,64})$/.exec(params.simulation);
        if (!m) return { ok: false, refusal: { error: 'invalid_request', description: 'malformed simulation' } };
        if (!client.testClient || !settings.simulationEnabled) {
          return { ok: false, refusal: { error: 'invalid_request', description: 'simulation not allowed' } };
        }
        simulation = { uuid: m[1] as string };
      }
      const scopes = typeof params.scope === 'string' ? params.scope.split(' ') : [];
      if (scopes.includes('ssn') && !client.mayCpr) {
        return { ok: false, refusal: { error: 'invalid_scope', description: 'ssn not allowed' } };
      }
      const acr = typeof params.acr_values === 'string' ? params.acr_values : '';
      const level = (LEVELS as readonly string[]).includes(acr) ? (acr as Level) : 'substantial';
      const ui = typeof params.ui_locales === 'string' ? params.ui_locales.split(' ')[0] : undefined;
      return {
        ok: true,
        request: {
          level,
          action: 'login',
          referenceText: null,
          uuidHint: null,
          language: ui === 'da' || ui === 'en' ? ui : null,
          simulation,
        },
      };
    },
    claims(use, scopes, person, login) {
      const out: Record<string, unknown> = {
        idp: 'mitid',
        transaction_id: login.authenticationId,
        loa: login.loa,
        ial: login.ial,
        aal: login.aal,
        neb_sid: login.sessionId,
      };
      if (use === 'userinfo' && scopes.has('mitid')) {
        out['mitid.uuid'] = person.uuid;
        out['mitid.date_of_birth'] = person.dateOfBirth;
        out.name = person.name;
      }
      if (use === 'userinfo' && scopes.has('ssn')) out['dk.cpr'] = person.cpr;
      return out;
    },
    acr: (level) => `https://data.gov.dk/concept/core/nsis/${level}`,
    cancelled: { error: 'access_denied', error_description: 'user_aborted' },
    malformedRequest: name === 'signaturgruppen' ? 'page' : 'redirect',
  };
}
