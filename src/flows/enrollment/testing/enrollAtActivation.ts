/**
 * Test fixture (not shipped code): enrollAtActivation (../enrollAtActivation.ts) with the MitID
 * service's own kinds.
 */
import type { Kysely } from 'kysely';
import type { MitidDb } from '../../../core/db/index.ts';
import type { Identity } from '../../../core/identity/index.ts';
import { type AtActivation, enrollAtActivation as enroll } from '../enrollAtActivation.ts';
import { enrollmentKinds } from './kinds.ts';

export type { AtActivation } from '../enrollAtActivation.ts';

export const enrollAtActivation = (
  db: Kysely<MitidDb>,
  p: AtActivation,
): Promise<{ identity: Identity; enrollmentId: string }> => enroll(db, enrollmentKinds, p);
