/** Records what the build in `build/` was made from, so `npm start` can skip rebuilding. */
import fs from 'node:fs';
import { sourceHash, STAMP } from './lib/build-hash.js';

fs.writeFileSync(STAMP, sourceHash());
