/** Reads the message outbox the way a developer does: through its JSON development page. */
import assert from 'node:assert/strict';
import type { RunningSystem } from './system.ts';

export interface OutboxMessage {
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  createdAt: string;
}

export async function outbox(system: RunningSystem, recipient: string): Promise<OutboxMessage[]> {
  const url = new URL('/dev/beskeder.json', system.mitidUrl);
  url.searchParams.set('til', recipient);
  const res = await fetch(url);
  assert.equal(res.status, 200, `outbox for ${recipient}`);
  return ((await res.json()) as { messages: OutboxMessage[] }).messages;
}

/** The newest code (a run of 6–8 digits) sent to `recipient`. */
export async function latestCode(system: RunningSystem, recipient: string): Promise<string> {
  const [newest] = await outbox(system, recipient);
  const m = newest ? /\b(\d{6,8})\b/.exec(newest.body) : null;
  assert.ok(m?.[1], `no code in the newest message to ${recipient}`);
  return m[1];
}
