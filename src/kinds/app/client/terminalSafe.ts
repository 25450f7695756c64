/**
 * Text from the server made safe for a terminal: control characters (ESC, CR, BEL, …) would let a
 * transaction text rewrite what is on screen, and format characters (bidi overrides and isolates,
 * zero-width characters, tags), private-use, unassigned code points and lone surrogates would let
 * it show something other than what it says, so all of them are shown as escapes instead (the
 * server refuses them in what a service sends; this holds whatever a server sends). A terminal has
 * no bidi isolation of its own, so this is the CLI's form of "shown isolated, left to right".
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}]/gu, (c) => {
    const cp = c.codePointAt(0) as number;
    return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  });
}
