/**
 * The one catalogue of user-facing texts. Each area keeps its texts in its own file here; this
 * module joins them, and `t` is the only way a page gets a text. catalogue.test.ts fails when an
 * id lacks a language or the languages disagree on parameters.
 */
import { app } from './app.ts';
import { appUi } from './appUi.ts';
import { bank } from './bank.ts';
import { bankSupport } from './bankSupport.ts';
import { bankTransfers } from './bankTransfers.ts';
import { borger } from './borger.ts';
import { borgerservice } from './borgerservice.ts';
import { clients } from './clients.ts';
import { codeDevice } from './codeDevice.ts';
import { common } from './common.ts';
import { cprMatch } from './cprMatch.ts';
import { deviceActivation } from './deviceActivation.ts';
import { enrollment } from './enrollment.ts';
import { errors } from './errors.ts';
import { login } from './login.ts';
import { messages } from './messages.ts';
import { mitid } from './mitid.ts';
import { nemid } from './nemid.ts';
import { oidc } from './oidc.ts';
import { orders } from './orders.ts';
import { password } from './password.ts';
import { simulators } from './simulators.ts';
import type { Lang, Text } from './types.ts';
import { wizard } from './wizard.ts';

export const catalogue = {
  ...common,
  ...errors,
  ...nemid,
  ...bank,
  ...bankTransfers,
  ...bankSupport,
  ...borger,
  ...messages,
  ...mitid,
  ...enrollment,
  ...orders,
  ...wizard,
  ...app,
  ...appUi,
  ...clients,
  ...oidc,
  ...login,
  ...cprMatch,
  ...codeDevice,
  ...password,
  ...deviceActivation,
  ...borgerservice,
  ...simulators,
} satisfies Record<string, Text>;

export type MessageId = keyof typeof catalogue;
export type Params = Record<string, string | number>;

export function isMessageId(id: string): id is MessageId {
  return Object.hasOwn(catalogue, id);
}

/** The text of `id` in `lang`, with `{name}` parameters filled in. */
export function t(lang: Lang, id: MessageId, params: Params = {}): string {
  const text: Text = catalogue[id];
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

/** A translator bound to one language, as pages use it. */
export type T = (id: MessageId, params?: Params) => string;
export const translator =
  (lang: Lang): T =>
  (id, params) =>
    t(lang, id, params);
