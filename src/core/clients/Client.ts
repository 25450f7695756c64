/**
 * A client of MitID as the rest of the service sees it (docs/decisions/0010 §2.1, §3.3), and the
 * pure rules about it: what it may do, where it may send a person back to.
 */
import type { ClientsTable } from './tables.ts';

/** What a client may do. Each API checks its own; a missing one is answered as a wrong secret is. */
export const permissions = [
  /** POST /api/ra/v1/enrollments and the logout of a flow it started: a registration authority. */
  'enrollment.start',
  /** POST /api/ra/v1/people/mitid-status. */
  'enrollment.status',
  /** POST/GET /api/transactions: ask a person for an approval in the app. */
  'approvals.create',
  /** /nemid/authorize and /nemid/token: the legacy NemID login. */
  'nemid.login',
] as const;
// Next (issue 9): 'oidc.login' | 'oidc.cpr' | 'oidc.simulation' | 'ciba'.

export type Permission = (typeof permissions)[number];

export const isPermission = (p: string): p is Permission => (permissions as readonly string[]).includes(p);

export type ClientStatus = ClientsTable['status'];

export interface Client {
  id: string;
  /** Shown to people ("Log på hos {name}"): a proper name, the same in every language. */
  name: string;
  status: ClientStatus;
  permissions: readonly Permission[];
  /** A registration authority's origin; its return URLs must lie on it. */
  origin: string | null;
  /** Matched exactly (no prefix, no open redirect). */
  redirectUris: readonly string[];
  /** Where "back to the service" links go. */
  homeUrl: string | null;
  /** In MitID's own process (MitID.dk): never authenticates with a secret. */
  internal: boolean;
  createdAt: number;
  updatedAt: number;
}

/** A JSON array of strings from a column; anything else reads as empty (never throws on a row). */
function stringsOf(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function clientOfRow(row: ClientsTable): Client {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    // An unknown permission in the row (a newer version's) grants nothing here.
    permissions: stringsOf(row.permissions).filter(isPermission),
    origin: row.origin,
    redirectUris: stringsOf(row.redirect_uris),
    homeUrl: row.home_url,
    internal: row.internal === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Whether the client is active and holds the permission. */
export function may(client: Client, p: Permission): boolean {
  return client.status === 'active' && client.permissions.includes(p);
}

/** A registration authority's return URL: on the client's own origin (scheme, host and port). */
export function returnUrlAllowed(client: Client, url: string): boolean {
  if (!client.origin) return false;
  try {
    return new URL(url).origin === client.origin;
  } catch {
    return false;
  }
}

/** A redirect URI: one of the registered ones, character for character. */
export function redirectUriAllowed(client: Client, uri: string): boolean {
  return client.redirectUris.includes(uri);
}
