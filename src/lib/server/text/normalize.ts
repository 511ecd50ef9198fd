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

// C0 controls except tab, line feed and carriage return; DEL; C1 controls; lone surrogates;
// U+FFFD, which is what broken UTF-8 decodes to.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when text holds control characters or bytes that were not valid UTF-8. */
export function hasInvalidCharacters(text: string): boolean {
	return CONTROL.test(text) || LONE_SURROGATE.test(text);
}
