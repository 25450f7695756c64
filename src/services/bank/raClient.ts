/**
 * Min Bank as a registration authority: it asks the MitID service to start an enrollment for a
 * customer it has identified (docs/protocols/enrollment.md) and sends the browser on; it asks where
 * its customer stands; and it tells MitID when the customer logged out, so that the wizard it
 * handed over stops working in that browser.
 */
import type { ServiceDeps } from '../../config/deps.ts';
import { basicAuthHeader } from '../../platform/http/basicAuth.ts';
import type { BankDb } from './db/schema.ts';
import { BANK_CLIENT_ID } from './nemidClient.ts';

export interface EnrollmentRequest {
  cpr: string;
  name: string;
  identifiedBy: string;
  identifiedAt: number;
}

export type EnrollmentStart =
  | { ok: true; enrollmentId: string; continueUrl: string; resumed: boolean }
  | { ok: false; error: 'already_enrolled' | 'identification_too_old' | 'failed' };

export interface RaClientOptions {
  mitidUrl: string;
  bankUrl: string;
  clientSecret: string;
}

export function raClientOptions(deps: ServiceDeps<BankDb>): RaClientOptions {
  return {
    mitidUrl: deps.config.mitidUrl,
    bankUrl: deps.config.bankUrl,
    clientSecret: deps.secrets.bankClientSecret,
  };
}

export const returnUrl = (bankUrl: string): string => `${bankUrl}/mitid/retur`;

export async function startEnrollment(
  opts: RaClientOptions,
  req: EnrollmentRequest,
): Promise<EnrollmentStart> {
  const res = await fetch(new URL('/api/ra/v1/enrollments', opts.mitidUrl), {
    method: 'POST',
    headers: {
      authorization: basicAuthHeader(BANK_CLIENT_ID, opts.clientSecret),
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({ ...req, returnUrl: returnUrl(opts.bankUrl) }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json().catch(() => ({}))) as {
    enrollmentId?: unknown;
    continueUrl?: unknown;
    resumed?: unknown;
    error?: unknown;
  };
  if (
    res.ok &&
    typeof body.enrollmentId === 'string' &&
    typeof body.continueUrl === 'string' &&
    body.continueUrl.startsWith(`${opts.mitidUrl}/`)
  ) {
    return {
      ok: true,
      enrollmentId: body.enrollmentId,
      continueUrl: body.continueUrl,
      resumed: body.resumed === true,
    };
  }
  if (body.error === 'already_enrolled' || body.error === 'identification_too_old')
    return { ok: false, error: body.error };
  return { ok: false, error: 'failed' };
}

/** What MitID tells a bank about its customer (docs/decisions/0004-ra-status-disclosure.md). */
export interface MitidStatus {
  status: 'none' | 'enrolling' | 'active';
}

/** The customer the bank asks about, and when it identified them (its login). */
export interface StatusQuestion {
  cpr: string;
  name: string;
  identifiedAt: number;
}

/** Where the customer stands with MitID (the registration authority's status call). */
export async function mitidStatus(opts: RaClientOptions, q: StatusQuestion): Promise<MitidStatus> {
  const res = await fetch(new URL('/api/ra/v1/people/mitid-status', opts.mitidUrl), {
    method: 'POST',
    headers: {
      authorization: basicAuthHeader(BANK_CLIENT_ID, opts.clientSecret),
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify(q),
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`MitID status answered ${res.status}`);
  const body = (await res.json()) as { status?: unknown };
  if (body.status === 'enrolling' || body.status === 'active') return { status: body.status };
  return { status: 'none' };
}

/** The customer logged out: the wizard handed over in this session stops working in its browser. */
export async function endHandover(opts: RaClientOptions, enrollmentId: string): Promise<void> {
  const res = await fetch(
    new URL(`/api/ra/v1/enrollments/${encodeURIComponent(enrollmentId)}/logout`, opts.mitidUrl),
    {
      method: 'POST',
      headers: { authorization: basicAuthHeader(BANK_CLIENT_ID, opts.clientSecret) },
      signal: AbortSignal.timeout(5_000),
    },
  );
  if (res.status !== 204) throw new Error(`MitID logout answered ${res.status}`);
}
