// The page's Web Worker (dist/worker.js): see worker/main.js.
import { runWorker } from './worker/main.js';

runWorker();
