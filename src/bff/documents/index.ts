/** Document summaries: what each record is, as finance staff name it (contract/documents.ts). */
export { DocumentReader } from './reader';
export { documentsOf } from './store';
