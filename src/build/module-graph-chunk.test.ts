import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { build, type Rolldown } from 'vite';
import { moduleGraphChunk } from './module-graph-chunk';

const dir = mkdtempSync(join(tmpdir(), 'module-graph-chunk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, code: string) => {
  writeFileSync(join(dir, name), code);
  return join(dir, name);
};

// This folder's modules in a chunk (the bundler adds its runtime where it likes).
const ours = (chunk: Rolldown.OutputChunk) =>
  Object.keys(chunk.modules)
    .filter((id) => id.startsWith(dir))
    .map((id) => id.slice(dir.length + 1))
    .toSorted();

test("a lazy page's code comes in one chunk, leaving out what the entry already has", async () => {
  // b.js is shared with another lazy module: left alone, the bundler gives it a chunk of its own,
  // one more request when the page loads.
  file('shared.js', 'export const shared = () => "shared";');
  file('a.js', 'export const a = () => "a";');
  file('b.js', 'import { a } from "./a.js"; export const b = () => a() + "b";');
  const page = file(
    'page.js',
    'import { shared } from "./shared.js"; import { b } from "./b.js"; export const page = () => shared() + b();',
  );
  file('other.js', 'import { b } from "./b.js"; export const other = () => b();');
  const entry = file(
    'entry.js',
    'import { shared } from "./shared.js"; console.log(shared()); import("./page.js").then((m) => console.log(m.page())); import("./other.js").then((m) => console.log(m.other()));',
  );

  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      modulePreload: false,
      rolldownOptions: {
        input: entry,
        output: { codeSplitting: { groups: [moduleGraphChunk('page', [page], [entry])] } },
      },
    },
  })) as Rolldown.RolldownOutput;

  const chunks = output.output.filter((c): c is Rolldown.OutputChunk => c.type === 'chunk');
  const pageChunk = chunks.find((c) => c.name === 'page')!;
  const entryChunk = chunks.find((c) => c.isEntry)!;
  expect(ours(pageChunk)).toEqual(['a.js', 'b.js', 'page.js']);
  expect(ours(entryChunk)).toEqual(['entry.js', 'shared.js']);
  // Loaded when the page is, not with the entry.
  expect(entryChunk.imports).not.toContain(pageChunk.fileName);
  expect(entryChunk.dynamicImports).toContain(pageChunk.fileName);
});
