/**
 * Free text arrives from phones that may still type legacy Zawgyi-encoded Burmese. Every such
 * input is checked with Google's detector and converted to Myanmar Unicode before it is stored.
 */
import myanmarTools from 'myanmar-tools';

// A CommonJS package: take its classes from the default export.
const detector = new myanmarTools.ZawgyiDetector();
const converter = new myanmarTools.ZawgyiConverter();

/** Google's recommended threshold: above it, the text is Zawgyi with high confidence. */
const ZAWGYI_THRESHOLD = 0.95;
const MYANMAR = /[\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff]/;

/**
 * How much of a text the detector reads, from its first Myanmar character: its answer settles
 * within a few hundred characters, and reading a whole field only costs the server time. A text
 * that begins in Unicode and turns to Zawgyi past this point stays as typed.
 */
const DETECT_PREFIX = 500;

/** Whether the detector is confident that `text` is Zawgyi; text without Myanmar characters never is. */
export function isZawgyi(text: string): boolean {
	const first = text.search(MYANMAR);
	return (
		first >= 0 &&
		detector.getZawgyiProbability(text.slice(first, first + DETECT_PREFIX)) > ZAWGYI_THRESHOLD
	);
}

/** Converts Zawgyi to Unicode when the detector is confident, then applies NFC. */
export function toUnicode(text: string): string {
	return (isZawgyi(text) ? converter.zawgyiToUnicode(text) : text).normalize('NFC');
}

/** Control characters and broken UTF-8 are refused everywhere; the check is shared with the phone. */
export { hasInvalidCharacters } from '../../text/characters';
