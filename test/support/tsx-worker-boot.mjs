// Lets a worker thread run TypeScript source in tests: register tsx, then import the real entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
