/**
 * Public entry of kinds/app, the MitID app: its server (the app protocol and the service API),
 * its PWA, and its sweep hook. Other modules import only this file.
 */

export { MitidAppClient } from './client/MitidAppClient.ts';
export { DEFAULT_STATE_DIR } from './client/parseCliArgs.ts';
export { registerAppPwa } from './pwa/registerAppPwa.ts';
export type { AppHooks } from './server/appHooks.ts';
export { appActivationRules, appDescriptor } from './server/appKind.ts';
export { registerAppServer } from './server/registerAppServer.ts';
export { sweepApp } from './sweep.ts';
