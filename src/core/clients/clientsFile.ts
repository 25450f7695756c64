/**
 * The clients file (CLIENTS_FILE): OpenID Connect clients an operator keeps in a file, upserted
 * into the registry at every start of the MitID service, so a deployment's clients are
 * configuration. A JSON array of objects in the OpenID Connect metadata's own names:
 *
 *   [{ "client_id": "shop", "client_name": "Shop A/S", "dialect": "idura",
 *      "client_secret": "<32+ characters>", "redirect_uris": ["https://shop.example/cb"],
 *      "post_logout_redirect_uris": ["https://shop.example/"],
 *      "token_endpoint_auth_method": "client_secret_basic", "jwks": { "keys": [ … ] },
 *      "organisation": "Shop Koncern", "id_token_signed_response_alg": "RS256",
 *      "cpr": false, "test_client": false, "sso_group": "shops",
 *      "backchannel_logout_uri": "https://shop.example/auth/backchannel-logout" }]
 *
 * The whole file is checked before anything is written: one bad entry (its index and id, the
 * reason; never a secret) stops the start and changes nothing. A client's row is replaced by what
 * the file says (its status kept: one an operator disabled stays disabled), its secret is the
 * file's (`file:<id>`, hashed and sealed). A client left out of the file later stays (remove it
 * with the CLI). The configured clients (minbank, borger, mitid.dk) cannot be in the file.
 */
import { readFileSync } from 'node:fs';
import { t } from '../../i18n/catalogue.ts';
import { type ClientAdmin, type NewClient, newClientRefusal } from './ClientAdmin.ts';
import { MIN_SECRET_LENGTH } from './clientSecretHash.ts';
import { CONFIGURED_CLIENT_IDS } from './configuredClients.ts';

export class ClientsFileError extends Error {
  override name = 'ClientsFileError';
}

export interface FileClient {
  client: NewClient;
  secret: string;
}

const KNOWN = new Set([
  'client_id',
  'client_name',
  'dialect',
  'client_secret',
  'redirect_uris',
  'post_logout_redirect_uris',
  'token_endpoint_auth_method',
  'jwks',
  'organisation',
  'id_token_signed_response_alg',
  'cpr',
  'test_client',
  'sso_group',
  'backchannel_logout_uri',
]);

/** The file's clients, or a ClientsFileError naming the first bad entry. */
export function parseClientsFile(text: string, file = 'CLIENTS_FILE'): FileClient[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ClientsFileError(`${file} is not valid JSON`);
  }
  if (!Array.isArray(parsed)) throw new ClientsFileError(`${file} must be a JSON array of clients`);
  const seen = new Set<string>();
  return parsed.map((entry, i): FileClient => {
    const where = (id?: unknown) => `${file} entry ${i}${typeof id === 'string' ? ` (${id})` : ''}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      throw new ClientsFileError(`${where()} must be an object`);
    }
    const e = entry as Record<string, unknown>;
    const unknown = Object.keys(e).find((k) => !KNOWN.has(k));
    if (unknown) throw new ClientsFileError(`${where(e.client_id)}: unknown member "${unknown}"`);
    const str = (name: string, required: boolean): string | undefined => {
      const v = e[name];
      if (v === undefined && !required) return undefined;
      if (typeof v !== 'string')
        throw new ClientsFileError(`${where(e.client_id)}: ${name} must be a string`);
      return v;
    };
    const strs = (name: string): string[] | undefined => {
      const v = e[name];
      if (v === undefined) return undefined;
      if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
        throw new ClientsFileError(`${where(e.client_id)}: ${name} must be an array of strings`);
      }
      return v;
    };
    const flag = (name: string): boolean => {
      const v = e[name];
      if (v === undefined) return false;
      if (typeof v !== 'boolean')
        throw new ClientsFileError(`${where(e.client_id)}: ${name} must be true or false`);
      return v;
    };
    const id = str('client_id', true) as string;
    if (seen.has(id)) throw new ClientsFileError(`${where(id)}: the client id is given twice`);
    seen.add(id);
    if (CONFIGURED_CLIENT_IDS.includes(id)) {
      throw new ClientsFileError(
        `${where(id)}: a configured client is written from the settings, not the file`,
      );
    }
    const secret = str('client_secret', true) as string;
    if (secret.length < MIN_SECRET_LENGTH || /\s/.test(secret)) {
      throw new ClientsFileError(`${where(id)}: ${t('en', 'clients.refusal.secretTooShort')}`);
    }
    const jwks = e.jwks;
    let keys: unknown[] | undefined;
    if (jwks !== undefined) {
      const k = Array.isArray(jwks) ? jwks : (jwks as { keys?: unknown } | null)?.keys;
      if (!Array.isArray(k)) throw new ClientsFileError(`${where(id)}: jwks must be { "keys": [ … ] }`);
      keys = k;
    }
    const authMethod = str('token_endpoint_auth_method', false);
    const postLogout = strs('post_logout_redirect_uris');
    const organisation = str('organisation', false);
    const alg = str('id_token_signed_response_alg', false);
    const ssoGroup = str('sso_group', false);
    const backchannel = str('backchannel_logout_uri', false);
    const client: NewClient = {
      id,
      name: str('client_name', true) as string,
      permissions: flag('cpr') ? ['oidc.login', 'oidc.cpr'] : ['oidc.login'],
      redirectUris: strs('redirect_uris') ?? [],
      dialect: str('dialect', true) as string,
      testClient: flag('test_client'),
      oidc: {
        ...(authMethod !== undefined ? { tokenEndpointAuthMethod: authMethod } : {}),
        ...(postLogout !== undefined ? { postLogoutRedirectUris: postLogout } : {}),
        ...(organisation !== undefined ? { organisation } : {}),
        ...(keys !== undefined ? { jwks: keys } : {}),
        ...(alg !== undefined ? { idTokenSignedResponseAlg: alg } : {}),
        ...(ssoGroup !== undefined ? { ssoGroup } : {}),
        ...(backchannel !== undefined ? { backchannelLogoutUri: backchannel } : {}),
      },
    };
    if ((client.redirectUris ?? []).length === 0) {
      throw new ClientsFileError(`${where(id)}: redirect_uris must name at least one URI`);
    }
    const refused = newClientRefusal(client);
    if (refused) throw new ClientsFileError(`${where(id)}: ${t('en', `clients.refusal.${refused}`)}`);
    return { client, secret };
  });
}

/** Reads, checks and upserts the file's clients; how many. Throws ClientsFileError, writing nothing. */
export async function loadClientsFile(file: string, admin: ClientAdmin): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ClientsFileError(`CLIENTS_FILE ${file} cannot be read`);
  }
  const clients = parseClientsFile(text, `CLIENTS_FILE ${file}`);
  for (const c of clients) await admin.upsert(c.client, c.secret);
  return clients.length;
}
