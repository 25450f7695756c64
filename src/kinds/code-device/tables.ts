/**
 * The code devices' tables (migration 0030_code_devices, decision 0014 §1.1). Their row types live
 * in core/db/schema.ts (the core imports no kind); this file names them for the module.
 */
import type { MitidDb } from '../../core/db/index.ts';

export const CODE_DEVICE_KINDS = ['codeDisplay', 'codeReader'] as const;
export type CodeDeviceKind = (typeof CODE_DEVICE_KINDS)[number];
export const STOCK_STATUSES = ['in_stock', 'reserved', 'activated', 'retired'] as const;
export type StockStatus = (typeof STOCK_STATUSES)[number];

export type CodeDeviceStockTable = MitidDb['code_device_stock'];
export type CodeDevicesTable = MitidDb['code_devices'];

export const isCodeDeviceKind = (k: string): k is CodeDeviceKind =>
  (CODE_DEVICE_KINDS as readonly string[]).includes(k);
