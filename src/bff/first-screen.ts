/**
 * A records page's HTML comes with its first screen drawn (src/app/server/first-screen.tsx), so
 * its rows show before the app's code has arrived. It is drawn from what this server's own routes
 * answer the same person (through `inject`: every check is the routes' own), and without a
 * session, for any other page, or on any failure the page is the plain index.html, as before.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { COLOR_SCHEME_COOKIE } from '../app/lib/color-scheme';
import { firstScreenAsks, renderFirstScreen } from '../app/server/first-screen';

const ROOT = '<div id="root">';

async function drawFirstScreen(app: FastifyInstance, req: FastifyRequest): Promise<string | undefined> {
  const { cookie } = req.headers;
  if (!cookie) return undefined;
  // Only its path and query are read.
  const page = new URL(req.url, 'http://localhost');
  const asks = firstScreenAsks(page);
  if (!asks) return undefined;
  const answers = await Promise.all(
    asks.map(async (ask) => {
      const response = await app.inject({ method: 'GET', url: ask.url, headers: { cookie } });
      return response.statusCode === 200 ? { ...ask, body: response.json() as unknown } : undefined;
    }),
  );
  if (answers.some((answer) => answer === undefined)) return undefined;
  return renderFirstScreen(
    page,
    answers.filter((answer) => answer !== undefined),
  );
}

type Manifest = Record<
  string,
  { file: string; name?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }
>;

/**
 * Preloads for the chunks the early script loads (early-requests.ts: the response checks and the
 * records page's code), from the build's manifest: named in the page, they are fetched as soon
 * as it arrives instead of once that script has run, which waits for the first screen's drawing.
 * None without a manifest; none for a chunk `html` names already.
 */
async function earlyChunkPreloads(spaDir: string, html: string): Promise<string> {
  const manifest = JSON.parse(await readFile(resolve(spaDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const early = Object.values(manifest).find((chunk) => chunk.isEntry && chunk.name === 'early');
  const files = new Set<string>();
  const add = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    chunk.imports?.forEach(add);
  };
  early?.dynamicImports?.forEach(add);
  return [...files]
    .filter((file) => !html.includes(`/${file}"`))
    .map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`)
    .join('');
}

/** Sends the SPA's page for `req`: with its first screen when it has one. */
export async function sendPage(
  app: FastifyInstance,
  spaDir: string,
  req: FastifyRequest,
  reply: FastifyReply,
) {
  const firstScreen = await drawFirstScreen(app, req).catch((err: unknown) => {
    req.log.warn({ err }, 'first screen not drawn; sending the page without it');
    return undefined;
  });
  if (!firstScreen) return reply.sendFile('index.html');
  // Drawn in the scheme the person picked; with none picked, the browser's own setting decides.
  const scheme = req.cookies[COLOR_SCHEME_COOKIE];
  const index = await readFile(resolve(spaDir, 'index.html'), 'utf8');
  const preloads = await earlyChunkPreloads(spaDir, index).catch(() => '');
  const html = index
    .replace(
      '<html',
      scheme === 'light' || scheme === 'dark' ? `<html data-color-scheme="${scheme}"` : '<html',
    )
    .replace('</head>', `${preloads}</head>`)
    .replace(ROOT, firstScreen + ROOT);
  // One person's records: kept by no cache, not even the browser's.
  return reply.header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(html);
}
