/**
 * Monite's published OpenAPI documents, for tests that check our fake and our calls against them.
 * They sit beside the repository in ../shared/monite/; a user's fresh clone does not have them,
 * so callers skip with the message this prints.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHARED_DIR = resolve(fileURLToPath(new URL('../..', import.meta.url)), '../shared/monite');

/** The file's path, or undefined (with a warning naming what is skipped) when it is absent. */
export function publishedFile(name: string, skipping: string): string | undefined {
  const path = resolve(SHARED_DIR, name);
  if (existsSync(path)) return path;
  console.warn(`Skipping ${skipping}: ${path} not found.`);
  return undefined;
}
