import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** A random token of `bytes` bytes (default 20 = 160 bits), base32 without padding. */
export function randomToken(bytes = 20): string {
	const buffer = new Uint8Array(bytes);
	crypto.getRandomValues(buffer);
	return encodeBase32LowerCaseNoPadding(buffer);
}

export function sha256Hex(value: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(value)));
}

/** A random id for rows (128 bits). */
export function newId(): string {
	return randomToken(16);
}

/**
 * A certificate's code (a course's or a training's; /verify reads both): 16 base32 characters
 * (80 bits), shown as XXXX-XXXX-XXXX-XXXX.
 */
export function newCertificateCode(): string {
	return randomToken(10).toUpperCase().match(/.{4}/g)!.join('-');
}
