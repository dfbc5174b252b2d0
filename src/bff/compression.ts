/**
 * Compresses the BFF's JSON answers (a records page is ~50 kB of repetitive JSON, ~6 kB as Brotli).
 * Static files come compressed from the build (server.ts) and streams (the audit CSV) are left
 * alone. No body here mixes a secret with text a caller chooses, so compressing is BREACH-safe.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';

/** Below this a compressed body saves less than its headers cost. */
const MIN_BYTES = 1024;

const encoders = {
  // Quality 5: most of Brotli's gain at a fraction of the maximum's CPU, fit for per-request work.
  br: (body: Buffer) => promisify(brotliCompress)(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
  gzip: (body: Buffer) => promisify(gzip)(body),
};

/** Brotli if the client takes it, else gzip; `q=0` refuses an encoding. */
function chooseEncoding(acceptEncoding: string | undefined): keyof typeof encoders | undefined {
  const accepted = new Set(
    (acceptEncoding ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase().split(';'))
      .filter(([, q]) => !/^\s*q=0(?:\.0*)?\s*$/.test(q ?? ''))
      .map(([name]) => name),
  );
  return (['br', 'gzip'] as const).find((name) => accepted.has(name));
}

export function registerCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    if (reply.hasHeader('content-encoding')) return payload;
    const body = Buffer.from(payload);
    if (body.length < MIN_BYTES) return payload;
    const vary = reply.getHeader('vary');
    reply.header('vary', vary ? `${String(vary)}, accept-encoding` : 'accept-encoding');
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    if (!encoding) return payload;
    reply.header('content-encoding', encoding).removeHeader('content-length');
    return encoders[encoding](body);
  });
}
