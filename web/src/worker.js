// The page's Web Worker (dist/worker.js): see workerMain.js.
import { runWorker } from './workerMain.js';

runWorker();
