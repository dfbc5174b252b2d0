/**
 * A Vite plugin that writes a Brotli (`.br`) and a gzip (`.gz`) copy beside each text file of the
 * build, so the BFF sends them compressed at the best ratio without compressing per request
 * (@fastify/static `preCompressed`). A copy that would not be smaller is not written.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT_FILE = /\.(?:html|js|css|svg|json|txt)$/;

export function precompressDir(dir: string): void {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  for (const name of files.filter((f) => TEXT_FILE.test(f))) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const content = readFileSync(path);
    const copies = {
      br: brotliCompressSync(content, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
        },
      }),
      gz: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }),
    };
    for (const [ext, copy] of Object.entries(copies)) {
      if (copy.length < content.length) writeFileSync(`${path}.${ext}`, copy);
    }
  }
}

export function precompress(): Plugin {
  return {
    name: 'precompress',
    apply: 'build',
    writeBundle(options) {
      if (options.dir) precompressDir(options.dir);
    },
  };
}
