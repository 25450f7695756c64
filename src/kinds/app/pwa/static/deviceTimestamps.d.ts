// Types of the app's timestamp source (deviceTimestamps.js), so its test can import it.
export interface TimestampStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
export interface TimestampLocks {
  request<T>(name: string, callback: () => T | Promise<T>): Promise<T>;
}
export declare function nextTimestamp(now: number, last: number | undefined): number;
export declare function takeTimestamp(
  deviceId: string,
  env?: { now?: () => number; storage?: TimestampStorage; locks?: TimestampLocks | null },
): Promise<number>;
export declare function forgetTimestamps(deviceId: string, storage?: TimestampStorage): void;
