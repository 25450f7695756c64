/**
 * The QR frame the box shows: the channel binding's payload of this second (core/authentications'
 * qrPayload), drawn as SVG by `qrcode` and sent as a data URL, so the page sets an image's source
 * and never inserts markup (the CSP allows `img-src data:`).
 */
import QRCode from 'qrcode';
import { type ChannelCandidate, qrPayload } from '../../../core/authentications/index.ts';

export async function qrSvgDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** The frame of `nowMs` for the authentication's channel. */
export const qrFrame = (channel: ChannelCandidate, nowMs: number): Promise<string> =>
  qrSvgDataUrl(qrPayload(channel, nowMs));
