/**
 * The app's document compiles OPAQUE's WebAssembly, which the strict CSP forbids. Only the app's
 * own routes get `'wasm-unsafe-eval'` (it allows WebAssembly compilation, not JavaScript eval);
 * every other page keeps `script-src 'self'`.
 */
import type { FastifyReply } from 'fastify';

export function allowWasm(reply: FastifyReply): void {
  const csp = reply.getHeader('content-security-policy');
  if (typeof csp !== 'string') return;
  reply.header(
    'content-security-policy',
    csp.replace(/script-src ([^;]*)/, (whole, sources: string) =>
      sources.includes("'wasm-unsafe-eval'") ? whole : `script-src ${sources} 'wasm-unsafe-eval'`,
    ),
  );
}
