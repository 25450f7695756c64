/**
 * Where the app's files come from, and the list the service worker caches. The version is a hash
 * of every cached file, so a changed file makes a new service worker that fetches them all again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const modules = path.resolve(here, '../../../../node_modules');

export const appStaticRoot = path.join(here, 'static');
export const serviceWorkerFile = path.join(here, 'worker', 'sw.js');
/** OPAQUE's browser build; it embeds its WebAssembly, so one file is all it needs. */
export const opaqueFile = path.join(modules, '@serenity-kit/opaque/esm/index.js');
/** @simplewebauthn/browser's ES modules (a tree of small files that import each other). */
export const webauthnRoot = path.join(modules, '@simplewebauthn/browser/esm');
const dkfdsCss = path.join(modules, 'dkfds/dist/css/dkfds-borgerdk.min.css');
/**
 * jsQR's browser build (UMD: loaded as a module it sets self.jsQR), the scanner's QR decoder where
 * the browser has no BarcodeDetector. Pinned in package.json; until it is installed the app is
 * served without it and the scanner says it cannot read QR codes (the typed code still works).
 */
export const jsqrFile = path.join(modules, 'jsqr/dist/jsQR.js');
export const hasJsqr = (): boolean => existsSync(jsqrFile);

export const appStaticPattern = /\.(js|css|svg|png)$/;

function filesUnder(root: string, pattern: RegExp): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => pattern.test(f))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

export interface AppAssets {
  version: string;
  /** URLs the service worker caches when it installs. */
  urls: string[];
}

export function appAssets(): AppAssets {
  const files: [url: string, file: string][] = [
    ...filesUnder(appStaticRoot, appStaticPattern).map((f): [string, string] => [
      `/app/static/${f}`,
      path.join(appStaticRoot, f),
    ]),
    ['/app/vendor/opaque.js', opaqueFile],
    ...(hasJsqr() ? [['/app/vendor/jsqr.js', jsqrFile] as [string, string]] : []),
    ...filesUnder(webauthnRoot, /\.js$/).map((f): [string, string] => [
      `/app/vendor/simplewebauthn/${f}`,
      path.join(webauthnRoot, f),
    ]),
    ['/static/dkfds/css/dkfds-borgerdk.min.css', dkfdsCss],
  ];
  const hash = createHash('sha256');
  for (const [url, file] of files) hash.update(url).update(readFileSync(file));
  hash.update(readFileSync(serviceWorkerFile));
  return { version: hash.digest('hex').slice(0, 16), urls: ['/app', ...files.map(([url]) => url)] };
}

/** sw.js with this build's version and file list in place of its placeholder line. */
export function serviceWorkerScript(assets: AppAssets): string {
  const source = readFileSync(serviceWorkerFile, 'utf8');
  const line = `const BUILD = ${JSON.stringify({ version: assets.version, assets: assets.urls })};`;
  const out = source.replace(/^const BUILD = .*;$/m, line);
  if (out === source) throw new Error('sw.js lacks its "const BUILD = …;" line');
  return out;
}
