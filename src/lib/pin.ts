/**
 * The code (PIN) that opens the app behind a disguise: its form, the same on the server and
 * on the phone. Six digits, typed with a Myanmar, Thai or Latin keypad: each digit counts as
 * itself, so "၁၂၃၄၅၆" and "123456" are one code.
 */
export const PIN_LENGTH = 6;

const DIGIT_ZEROS = [0x30, 0x1040, 0x1090, 0x0e50];

/** The code as ASCII digits, spaces removed; anything that is not a digit stays (and fails the form). */
export function normalizePin(text: string): string {
	return [...text.replace(/\s+/g, '')]
		.map((char) => {
			const code = char.codePointAt(0)!;
			const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9);
			return zero === undefined ? char : String(code - zero);
		})
		.join('');
}

export const isPin = (text: string) => new RegExp(`^\\d{${PIN_LENGTH}}$`).test(text);
