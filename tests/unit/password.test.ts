import { describe, expect, it } from 'vitest';
import {
	hashPassword,
	isCommonPassword,
	passwordProblem,
	verifyPassword
} from '$lib/server/auth/password';
import { describeBrowser } from '$lib/server/auth/session';

describe('passwords', () => {
	it('hashes with argon2id, 19456 KiB, 2 passes, 1 lane', async () => {
		const hash = await hashPassword('a long enough passphrase');
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(hash, 'a long enough passphrase')).toBe(true);
		expect(await verifyPassword(hash, 'a long enough passphrasE')).toBe(false);
	});

	it('refuses the most common passwords in any letter case', () => {
		for (const common of ['password', '12345678', 'qwertyuiop', 'PASSWORD1', 'iloveyou']) {
			expect(isCommonPassword(common)).toBe(true);
		}
		expect(isCommonPassword('tea leaf salad at dawn')).toBe(false);
	});

	it('refuses what someone who knows the name would try first, with the reason', () => {
		expect(passwordProblem('samepw5x', 'samepw5x')).toBe('password_has_username');
		expect(passwordProblem('my name is ThanThan!', 'thanthan')).toBe('password_has_username');
		expect(passwordProblem('ＴｈａｎＴｈａｎ rocks', 'thanthan')).toBe('password_has_username');
		expect(passwordProblem('မောင်မောင် ၁၂၃၄၅', 'မောင်မောင်')).toBe('password_has_username');
		expect(passwordProblem('I love Lanpya app', 'someone')).toBe('password_has_app_name');
		expect(passwordProblem('LANPYA-2026-ok', 'someone')).toBe('password_has_app_name');
		expect(passwordProblem('လမ်းပြ ကို ချစ်သည်', 'someone')).toBe('password_has_app_name');
		expect(passwordProblem('aaaaaaaa', 'someone')).toBe('password_repeated');
		expect(passwordProblem('        ', 'someone')).toBe('password_repeated');
		expect(passwordProblem('ကကကကကကကက', 'someone')).toBe('password_repeated');
		expect(passwordProblem('😀😀😀😀😀😀😀😀', 'someone')).toBe('password_repeated');
		expect(passwordProblem('password123', 'someone')).toBe('password_common');
		expect(passwordProblem('tea leaf salad at dawn', 'someone')).toBeNull();
		expect(passwordProblem('aaaaaaab', 'someone')).toBeNull();
		expect(passwordProblem('river crossing at night', 'ThanThan')).toBeNull();
	});

	it('verifying against a broken hash is a failure, not a crash', async () => {
		expect(await verifyPassword('not a hash', 'whatever')).toBe(false);
	});
});

describe('describeBrowser', () => {
	it('keeps only browser and system', () => {
		expect(
			describeBrowser(
				'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'
			)
		).toBe('Chrome · Android');
		expect(describeBrowser(null)).toBe('Browser');
	});
});
