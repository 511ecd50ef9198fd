import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

/** OWASP's argon2id minimum: 19 MiB of memory, 2 passes, 1 lane. */
export const ARGON2_OPTIONS = {
	memoryCost: 19456,
	timeCost: 2,
	parallelism: 1,
	outputLen: 32
} as const;

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

// zxcvbn-ts ships a ranked list of leaked passwords; its first 10,000 are the most common ones.
const common = new Set(dictionary['passwords-common'].slice(0, 10_000).map((p) => p.toLowerCase()));

/** True when the password is among the 10,000 most common leaked passwords (any letter case). */
export function isCommonPassword(password: string): boolean {
	return common.has(password.toLowerCase());
}

/** The app's own names, in both scripts: among the first words anyone guessing would try. */
const APP_NAMES = ['lanpya', 'လမ်းပြ'];

export type PasswordProblem =
	'password_common' | 'password_has_username' | 'password_has_app_name' | 'password_repeated';

/** Compared as people see them: one Unicode form, any letter case. */
const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * Why a new password would be easy to guess for someone who knows the name it protects, or
 * null when it is not: one of the 10,000 most common, containing the username or the app's
 * name (Lanpya, လမ်းပြ), or one character repeated ("aaaaaaaa"). The lengths are the schema's.
 */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
	if (isCommonPassword(password)) return 'password_common';
	const folded = fold(password);
	const name = fold(username.trim());
	if (name.length > 0 && folded.includes(name)) return 'password_has_username';
	if (APP_NAMES.some((app) => folded.includes(fold(app)))) return 'password_has_app_name';
	if (/^(.)\1*$/su.test(password)) return 'password_repeated';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so unknown usernames answer as slowly as known ones. */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword('lanpya-dummy-password-for-timing');
	await verifyPassword(await dummyHash, password);
	return false;
}
