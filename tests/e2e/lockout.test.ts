import { describe, expect, it } from 'vitest';
import { Client, uniqueName } from './support';

describe('sign-in lockout', () => {
	it('locks an account after 6 failures with 429 and Retry-After, and answers the same for unknown names', async () => {
		const owner = new Client('en');
		const name = uniqueName('locked');
		await owner.signUp(name, 'learner', 'the right passphrase');
		const attacker = new Client('en');
		const answers: string[] = [];
		for (let i = 0; i < 5; i++) {
			const response = await attacker.signIn(name, `wrong guess ${i}`);
			expect(response.status).toBe(400);
			answers.push(await response.text());
		}
		const sixth = await attacker.signIn(name, 'wrong guess 6');
		expect(sixth.status).toBe(429);
		const retryAfter = Number(sixth.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(29 * 60);
		expect(retryAfter).toBeLessThanOrEqual(30 * 60);
		expect(await sixth.text()).toContain('Too many tries. Please wait 30 minutes');

		// Even the right password is refused while locked.
		expect((await attacker.signIn(name, 'the right passphrase')).status).toBe(429);

		// A name that does not exist gets exactly the same answers.
		const ghost = uniqueName('ghost');
		for (let i = 0; i < 5; i++) {
			const response = await attacker.signIn(ghost, `wrong guess ${i}`);
			expect(response.status).toBe(400);
			expect(strip(await response.text(), ghost)).toBe(strip(answers[i], name));
		}
		expect((await attacker.signIn(ghost, 'x')).status).toBe(429);
	});
});

/** The page echoes the typed name and carries a fresh CSP nonce; nothing else may differ. */
function strip(html: string, name: string): string {
	return html.replaceAll(name, 'NAME').replace(/nonce-[^'"]+|nonce="[^"]+"/g, 'nonce');
}
