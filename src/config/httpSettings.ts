/**
 * The HTTP foundation's options that come from the configuration as they are (TRUST_PROXY,
 * RATE_LIMIT_*, METRICS): platform's createApp takes values, this turns the settings into them.
 */
import type { AppOptions } from '../platform/http/createApp.ts';
import type { MetricsAccess } from '../platform/http/metrics.ts';
import { type Config, perAddressLimits } from './config.ts';

export function httpSettings(
  config: Config,
): Pick<AppOptions, 'trustProxy' | 'perAddressLimits' | 'metrics'> {
  const metrics: MetricsAccess =
    config.metrics === 'token' && config.metricsToken
      ? { mode: 'token', token: config.metricsToken }
      : config.metrics === 'open'
        ? { mode: 'open' }
        : { mode: 'off' };
  return { trustProxy: config.trustProxy, perAddressLimits: perAddressLimits(config), metrics };
}
