/**
 * Test fixture (not shipped code): the MitID service's own kind registry (roots/mitid/kinds.ts),
 * for tests that drive the flow's state machine or store without the root.
 */
import { mitidKinds } from '../../../roots/mitid/kinds.ts';

export const enrollmentKinds = mitidKinds();
