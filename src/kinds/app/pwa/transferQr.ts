/**
 * The transfer code as a QR code (`mitid-app:transfer?code=…&user=…`), rendered as SVG here, so
 * the app needs no QR library. Rules: only a transfer payload is rendered; it comes in the body
 * (never the URL, so it is in no access log); the answer is never cached.
 */
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';

const payloadPattern = /^mitid-app:transfer\?code=[A-Za-z0-9-]{4,20}&user=[^\s]{1,200}$/;

export function registerTransferQr(app: FastifyInstance): void {
  app.post('/app/qr', { config: { csrf: false } }, async (req, reply) => {
    const text = (req.body as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string' || !payloadPattern.test(text)) {
      return reply.code(400).header('cache-control', 'no-store').send({ error: 'invalid_request' });
    }
    const svg = await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return reply.header('cache-control', 'no-store').type('image/svg+xml').send(svg);
  });
}
