/**
 * The versions of one key as a node holds them: the newest active version signs, every version
 * not yet retired verifies (including one that is not active yet, so a node that has loaded a
 * rotation accepts what other nodes start signing with). `replace` swaps in what the database
 * holds now (serve.ts reloads every minute), so a rotation reaches running nodes.
 */
import type { Clock } from '../clock.ts';
import type { KeyVersion } from './KeyStore.ts';

export class KeyRing {
  readonly purpose: string;
  readonly #clock: Clock;
  #versions: KeyVersion[] = [];

  constructor(purpose: string, versions: KeyVersion[], clock: Clock) {
    this.purpose = purpose;
    this.#clock = clock;
    this.replace(versions);
  }

  replace(versions: KeyVersion[]): void {
    if (versions.some((v) => v.purpose !== this.purpose)) throw new Error('A key ring holds one purpose');
    if (versions.length === 0) throw new Error(`There is no key "${this.purpose}"`);
    this.#versions = [...versions].sort((a, b) => b.version - a.version);
  }

  /** The version that signs now: the newest one whose activation time has come. */
  current(): KeyVersion {
    const now = this.#clock.now().getTime();
    const active = this.#versions.find(
      (v) => v.activatesAt <= now && (v.retiredAt === null || v.retiredAt > now),
    );
    // Every version retired or none active yet (clock skew at the first start): the newest.
    return active ?? (this.#versions[0] as KeyVersion);
  }

  /** The versions that verify now, the current one first. */
  accepted(): KeyVersion[] {
    const now = this.#clock.now().getTime();
    const current = this.current();
    return [
      current,
      ...this.#versions.filter((v) => v !== current && (v.retiredAt === null || v.retiredAt > now)),
    ];
  }
}
