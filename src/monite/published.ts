/**
 * Monite's published documents, committed as data in ./data for the tests that check the simulator
 * and the BFF's upstream calls against them (nothing reads them at run time):
 * - openapi-subset.json: the operations Sync Desk calls and every schema they reach, from Monite's
 *   OpenAPI document for API version 2024-05-25 (written by scripts/extract-monite-openapi.ts);
 * - provider-errors.json: error strings Xero and QuickBooks emit and the shapes Codat and Railz
 *   report failed pushes in, each with its public source (copied verbatim).
 */
import { readFileSync } from 'node:fs';

export type OpenApiParameter = { name: string; in: string; required?: boolean; schema: object };
export type OpenApiOperation = { parameters?: OpenApiParameter[]; security?: unknown[] };
export type OpenApiDocument = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, object> };
};

export type ProviderErrorCatalogue = {
  errors_object_examples: { provider: string | null; platform: string | null; example: unknown }[];
  messages: { platform: string; provider: string | null; object_types: string[]; message: string }[];
};

const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8'));

export const readMoniteOpenApi = () => read('openapi-subset.json') as OpenApiDocument;
export const readProviderErrors = () => read('provider-errors.json') as ProviderErrorCatalogue;
