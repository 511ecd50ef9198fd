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

/** Converts Zawgyi to Unicode when the detector is confident, then applies NFC. */
export function toUnicode(text: string): string {
	if (!MYANMAR.test(text)) return text.normalize('NFC');
	const converted = detector.getZawgyiProbability(text) > ZAWGYI_THRESHOLD ? converter.zawgyiToUnicode(text) : text;
	return converted.normalize('NFC');
}

export function isZawgyi(text: string): boolean {
	return MYANMAR.test(text) && detector.getZawgyiProbability(text) > ZAWGYI_THRESHOLD;
}

/** Control characters and broken UTF-8 are refused everywhere; the check is shared with the phone. */
export { hasInvalidCharacters } from '../../text/characters';
