/**
 * Checks on typed text that the server and the phone share (no library: this module reaches the
 * phone). Zawgyi conversion stays on the server (src/lib/server/text/normalize.ts).
 */

// C0 controls except tab, line feed and carriage return; DEL; C1 controls; lone surrogates;
// U+FFFD, which is what broken UTF-8 decodes to.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when text holds control characters or bytes that were not valid UTF-8. */
export function hasInvalidCharacters(text: string): boolean {
	return CONTROL.test(text) || LONE_SURROGATE.test(text);
}

const MYANMAR_ZERO = 0x1040; // ၀
const THAI_ZERO = 0x0e50; // ๐

/**
 * Myanmar (၀-၉) and Thai (๐-๙) digits as ASCII: a Burmese keyboard types ၀-၉, and a number
 * means the same in either digit system wherever Lanpya reads one.
 */
export function asciiDigits(text: string): string {
	return text
		.replace(/[\u1040-\u1049]/g, (d) => String(d.charCodeAt(0) - MYANMAR_ZERO))
		.replace(/[\u0e50-\u0e59]/g, (d) => String(d.charCodeAt(0) - THAI_ZERO));
}
