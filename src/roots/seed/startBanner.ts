/**
 * What `npm start` prints once the three services answer. The demo people's user-IDs (Karen's is her
 * CPR number) and their shared password are printed only with the development pages on: without
 * them the banner says that demo people exist, never who they are or how to log in as them.
 */
import type { Config } from '../../config/config.ts';
import { type DemoPerson, formatDemoPeople } from './demoPeople.ts';

export function startBanner(config: Config, demo: DemoPerson[]): string {
  const db = config.databaseUrl === 'sqlite' ? `SQLite in ${config.dataDir}` : 'PostgreSQL';
  const dev = (p: string): string =>
    config.devPages ? `${config.mitidUrl}${p}` : '(development pages are off)';
  const metrics =
    config.metrics === 'off'
      ? '(off)'
      : `${config.mitidUrl}/metrics${config.metrics === 'token' ? ' (token)' : ''}`;
  let people = '';
  if (demo.length > 0 && config.devPages) people = `\n${formatDemoPeople(demo)}`;
  else if (demo.length > 0) {
    people =
      '\n  Warning: the demo people are in the database (SEED_DEMO=true) and their password is public.\n' +
      '  Their credentials are shown only with DEV_PAGES=true; outside development set SEED_DEMO=false.\n';
  }
  return `
  MitID service   ${config.mitidUrl}
  Min Bank        ${config.bankUrl}
  Borger          ${config.borgerUrl}
  Database        ${db}
  Metrics         ${metrics}
  Message outbox  ${dev('/dev/beskeder')}
  NemID key cards ${dev('/dev/noeglekort')}
  Device orders   ${dev('/dev/ordrer')}
  Code devices    ${dev('/dev/enheder')}
  Borgerservice   ${config.mitidUrl}/borgerservice (clerks: npm run staff)
${people}
  Press Ctrl-C to stop.
`;
}
