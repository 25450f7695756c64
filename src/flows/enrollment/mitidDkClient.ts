/** MitID.dk as an internal client of the NemID login (no secret: it redeems codes in-process). */
import type { Config } from '../../config/config.ts';
import type { NemidClient } from '../nemid/index.ts';

export const MITID_DK_CLIENT_ID = 'mitid.dk';

export const mitidDkCallback = (config: Config): string => `${config.mitidUrl}/tilmelding/nemid-retur`;

export function mitidDkNemidClient(config: Config): NemidClient {
  return {
    id: MITID_DK_CLIENT_ID,
    name: 'MitID.dk',
    redirectUris: [mitidDkCallback(config)],
    homeUrl: `${config.mitidUrl}/`,
    secret: null,
  };
}
