/**
 * A Vite plugin that prints the gzipped size of the JS a browser loads before first paint:
 * the entry chunk and everything it imports statically (lazy pages excluded). Above the budget
 * the build fails, so a stray import (zod, say) cannot slip back into the entry chunk.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const BUDGET_KB = 120;

export function initialJsSize(): Plugin {
  return {
    name: 'initial-js-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [[c.fileName, c] as const] : [])),
      );
      const seen = new Set<string>();
      const visit = (name: string) => {
        const chunk = chunks.get(name);
        if (!chunk || seen.has(name)) return;
        seen.add(name);
        chunk.imports.forEach(visit);
      };
      for (const c of chunks.values()) if (c.isEntry) visit(c.fileName);
      const gzipped = [...seen].reduce((sum, n) => sum + gzipSync(chunks.get(n)!.code).length, 0);
      const summary = `initial JS: ${(gzipped / 1024).toFixed(1)} kB gzipped in ${seen.size} chunk(s) (budget ${BUDGET_KB} kB)`;
      if (gzipped > BUDGET_KB * 1024) this.error(`${summary}: over budget (${[...seen].join(', ')})`);
      this.info(summary);
    },
  };
}
