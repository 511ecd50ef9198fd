/**
 * The phone's own check of the code (PIN) that opens a disguised app (browser only), for what
 * opens without the server: the offline page and the reader of downloaded courses. The server
 * checks the code itself for everything else (src/lib/server/auth/pin.ts).
 *
 * What is stored reveals nothing about the app and little about the code: a random salt, a
 * PBKDF2 count and 10 bits of PBKDF2-SHA256(code, salt), under neutral names (`check` in the
 * `meta` store of the database `store`). Ten bits match about a thousand six-digit codes, so
 * someone who copies the phone's files and tries every code learns only that the code is one
 * of a thousand; the server ends a session after five wrong codes, so that list does not open
 * the account. The same shortness lets a wrong code through on the phone once in 1,024 tries:
 * after MAX_TRIES wrong codes in a row the check is deleted, and downloaded courses stay closed
 * until the code is given online again. The count lives beside the check.
 */
import { PIN_CHECK_KEY } from '$lib/stored-names';
import { isPin, normalizePin } from '$lib/pin';
import { META, run } from './idb';
import { openForNow } from './opened';

interface PinCheck {
	salt: string;
	rounds: number;
	/** The first BITS bits of the derived key. */
	value: number;
	tries: number;
}

const BITS = 10;
/** About a third of a second on a cheap phone: slow enough for a copy of the files, quick enough to type. */
const ROUNDS = 150_000;
export const MAX_TRIES = 5;

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, rounds: number): Promise<number> {
	const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
		'deriveBits'
	]);
	const bits = new Uint8Array(
		await crypto.subtle.deriveBits(
			{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations: rounds },
			key,
			16
		)
	);
	return ((bits[0] << 8) | bits[1]) >> (16 - BITS);
}

/** Keeps a check of the code the server just accepted (or that was just chosen). */
export async function rememberPin(typed: string): Promise<void> {
	const pin = normalizePin(typed);
	if (!isPin(pin) || typeof crypto?.subtle === 'undefined') return;
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const check: PinCheck = {
		salt: toBase64(salt),
		rounds: ROUNDS,
		value: await derive(pin, salt, ROUNDS),
		tries: 0
	};
	await run(META, 'readwrite', (s) => s.put(check, PIN_CHECK_KEY));
}

/** Whether this phone holds a check of the code. */
export const hasPinCheck = async () =>
	(await run<PinCheck | undefined>(META, 'readonly', (s) => s.get(PIN_CHECK_KEY))) !== undefined;

/** Forgets the check (the code was removed). */
export const forgetPin = () => run(META, 'readwrite', (s) => s.delete(PIN_CHECK_KEY));

export type PinAnswer = 'open' | 'wrong' | 'spent' | 'none';

/**
 * Checks a code on the phone: `open`; `wrong`; `spent` when this wrong code was the last try
 * allowed (the check is gone); `none` when there is no check (never made on this phone, or spent).
 */
export async function checkPin(typed: string): Promise<PinAnswer> {
	const check = await run<PinCheck | undefined>(META, 'readonly', (s) => s.get(PIN_CHECK_KEY));
	if (!check) return 'none';
	const pin = normalizePin(typed);
	if (isPin(pin) && (await derive(pin, fromBase64(check.salt), check.rounds)) === check.value) {
		if (check.tries > 0)
			await run(META, 'readwrite', (s) => s.put({ ...check, tries: 0 }, PIN_CHECK_KEY));
		openForNow();
		return 'open';
	}
	if (check.tries + 1 >= MAX_TRIES) {
		await forgetPin();
		return 'spent';
	}
	await run(META, 'readwrite', (s) => s.put({ ...check, tries: check.tries + 1 }, PIN_CHECK_KEY));
	return 'wrong';
}
