/**
 * Text from the server made safe for a terminal: control characters (ESC, CR, BEL, …) would let a
 * transaction text rewrite what is on screen, so they are shown as escapes instead.
 */
export function terminalSafe(text: string): string {
  return text.replace(
    /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
