import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../../config/config.ts';
import { defaultNemidClients, NemidClientRegistry } from './nemidClients.ts';

const config = loadConfig({ DATA_DIR: '/tmp/unused' });
const secret = 's'.repeat(43);
const registry = new NemidClientRegistry([
  ...defaultNemidClients(config, { cookieKey: 'm', bankClientSecret: secret }),
  { id: 'mitid.dk', name: 'MitID', redirectUris: ['http://localhost:3000/cb'], homeUrl: '/', secret: null },
]);

test('Min Bank is registered with its exact callback', () => {
  const c = registry.forRedirect('minbank', `${config.bankUrl}/auth/nemid/callback`);
  assert.equal(c?.name, 'Min Bank');
  assert.equal(registry.forRedirect('minbank', `${config.bankUrl}/auth/nemid/callback/`), undefined);
  assert.equal(registry.forRedirect('nobody', `${config.bankUrl}/auth/nemid/callback`), undefined);
});

test('client authentication needs the exact secret; internal clients cannot authenticate', () => {
  assert.equal(registry.authenticate('minbank', secret)?.id, 'minbank');
  assert.equal(registry.authenticate('minbank', `${secret}x`), undefined);
  assert.equal(registry.authenticate('minbank', ''), undefined);
  assert.equal(registry.authenticate('nobody', secret), undefined);
  assert.equal(registry.authenticate('mitid.dk', ''), undefined);
  assert.equal(registry.authenticate('mitid.dk', 'no client: compare against something'), undefined);
});
