// The page's Web Worker (dist/worker.js): see workerMain.js.
import { runWorker } from './worker/main.js';

runWorker();
