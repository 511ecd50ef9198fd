/**
 * `npm run clip -- INPUT OUTPUT`: a partner's recording (Opus in Ogg or WebM, as phones record)
 * checked and written as the server keeps every clip (src/lib/server/media/clips.ts): a fresh
 * Ogg Opus stream with no tags, at most 60 seconds and 150 KB. For starter courses' audio
 * folders (content/courses/FORMAT.md); a file refused says why.
 */
import fs from 'node:fs';
import { checkClip } from '../src/lib/server/media/clips';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
	console.error('usage: npm run clip -- INPUT.webm|ogg OUTPUT.ogg');
	process.exit(2);
}
const result = await checkClip(fs.readFileSync(input));
if (!result.ok) {
	console.error(`${input}: refused (${result.error})`);
	process.exit(1);
}
fs.writeFileSync(output, result.ogg);
console.log(`${output}: ${result.ogg.length} bytes, ${(result.durationMs / 1000).toFixed(1)} s`);
