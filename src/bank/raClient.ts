/**
 * Min Bank as a registration authority: it asks the MitID service to start an enrollment for a
 * customer it has identified (docs/protocols/enrollment.md) and sends the browser on.
 */
import { basicAuthHeader } from '../platform/http/basicAuth.ts';
import { BANK_CLIENT_ID } from './nemidClient.ts';

export interface EnrollmentRequest {
  cpr: string;
  name: string;
  identifiedBy: string;
  identifiedAt: number;
}

export type EnrollmentStart =
  | { ok: true; continueUrl: string; resumed: boolean }
  | { ok: false; error: 'already_enrolled' | 'identification_too_old' | 'failed' };

export interface RaClientOptions {
  mitidUrl: string;
  bankUrl: string;
  clientSecret: string;
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
    continueUrl?: unknown;
    resumed?: unknown;
    error?: unknown;
  };
  if (res.ok && typeof body.continueUrl === 'string' && body.continueUrl.startsWith(`${opts.mitidUrl}/`)) {
    return { ok: true, continueUrl: body.continueUrl, resumed: body.resumed === true };
  }
  if (body.error === 'already_enrolled' || body.error === 'identification_too_old')
    return { ok: false, error: body.error };
  return { ok: false, error: 'failed' };
}

export type MitidStatus =
  | { status: 'none' | 'active' | 'blocked' | 'revoked' | 'pending_activation' }
  | { status: 'enrolling'; step: string };

/** Where the customer stands with MitID (the registration authority's status call). */
export async function mitidStatus(opts: RaClientOptions, cpr: string): Promise<MitidStatus> {
  const res = await fetch(new URL(`/api/ra/v1/people/${encodeURIComponent(cpr)}/mitid`, opts.mitidUrl), {
    headers: {
      authorization: basicAuthHeader(BANK_CLIENT_ID, opts.clientSecret),
      accept: 'application/json',
    },
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`MitID status answered ${res.status}`);
  return (await res.json()) as MitidStatus;
}
