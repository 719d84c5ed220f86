// The files adapter: uploaded CSV files on disk, content-addressed (app/issuance/batch-file-store.ts).
export { createBatchFileStore, batchFilePath } from './batch-file-store.js'
