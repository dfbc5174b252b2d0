/**
 * A Vite plugin that builds `entry` as a chunk of its own and names it in index.html ahead of the
 * app's entry, so the browser fetches and runs its few hundred bytes without waiting for the
 * app's ~100 kB (Vite would fold a second script tag into the one entry).
 */
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

const NAME = 'early';

export function earlyEntry(entry: string): Plugin {
  return {
    name: 'early-entry',
    apply: 'build',
    config: (config) => {
      const root = resolve(config.root ?? '.');
      return {
        build: {
          rolldownOptions: { input: { index: resolve(root, 'index.html'), [NAME]: resolve(root, entry) } },
        },
      };
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunk = Object.values(bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.isEntry && c.name === NAME,
        );
        if (!chunk) return html;
        const appEntry = '<script type="module"';
        if (!html.includes(appEntry)) throw new Error('index.html has no module script to go before');
        return html.replace(
          appEntry,
          `<script type="module" async crossorigin src="/${chunk.fileName}"></script>\n    ${appEntry}`,
        );
      },
    },
  };
}
