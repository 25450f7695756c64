/**
 * Which methods a path has routes for, so an unsupported method gets 405 with `Allow` rather
 * than a CSRF refusal or a bare 404. Routes are recorded as they are added (an onRoute hook on
 * the root, before any part registers), and a path is matched against their patterns the way
 * the router does (`:param` is one segment, `*` the rest; a trailing slash is ignored).
 */
import type { FastifyInstance } from 'fastify';

interface Known {
  pattern: RegExp;
  methods: Set<string>;
}

const escapeRegex = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

function patternOf(url: string): RegExp {
  const body = url
    .replace(/\/+$/, '')
    .split('/')
    .map((seg) => {
      if (seg === '*') return '.*';
      if (seg.startsWith(':')) return '[^/]+';
      return escapeRegex(seg).replace(/\\\*|\*/g, '.*');
    })
    .join('/');
  return new RegExp(`^${body}/?$`);
}

/** Starts recording the app's routes; returns the lookup of a path's methods. */
export function recordAllowedMethods(app: FastifyInstance): (path: string) => string[] {
  const known = new Map<string, Known>();
  app.addHook('onRoute', (route) => {
    const entry = known.get(route.url) ?? { pattern: patternOf(route.url), methods: new Set<string>() };
    for (const m of Array.isArray(route.method) ? route.method : [route.method]) entry.methods.add(m);
    known.set(route.url, entry);
  });
  return (path) => {
    const out = new Set<string>();
    for (const k of known.values()) if (k.pattern.test(path)) for (const m of k.methods) out.add(m);
    return [...out].sort();
  };
}
