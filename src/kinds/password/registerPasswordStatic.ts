/**
 * Serves the browser's copy of the password rules and the live feedback script at
 * /static/password/ (passwordRules.js, passwordLive.js): any page that asks for a new password
 * (the enrollment's activation step, MitID.dk's change of password) loads them by URL, so no
 * flow imports this kind.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const passwordStaticPrefix = '/static/password/';
const staticRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

export async function registerPasswordStatic(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: staticRoot,
    prefix: passwordStaticPrefix,
    decorateReply: false,
    maxAge: '1h',
    allowedPath: (p) => /^\/?password(Rules|Live)\.js$/.test(p),
  });
}
