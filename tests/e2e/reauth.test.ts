/**
 * The password asked again, as a seized phone with an open session would meet it (issue: recovery
 * codes were replaced with a session alone, and one of the new codes later reset the password from
 * anywhere). Over HTTP, as a form posts: new recovery codes and signing out everywhere are refused
 * without the password or with a wrong one, and nothing changes; with it, they happen, and the
 * account page says when new codes were made.
 */
import Database from 'better-sqlite3';
import { describe, expect, inject, it } from 'vitest';
import { formatDate } from '$lib/format';
import EN from '../../messages/en.json' with { type: 'json' };
import { Client, uniqueName } from './support';

const PASSWORD = 'green tea and rice';

function read<T>(sql: string, ...args: unknown[]): T[] {
	const db = new Database(inject('databasePath'), { readonly: true });
	try {
		return db.prepare(sql).all(...args) as T[];
	} finally {
		db.close();
	}
}

const codesOf = (username: string) =>
	read<{ code_hash: string }>(
		'select code_hash from recovery_code join user on user.id = recovery_code.user_id where user.username = ? order by code_hash',
		username
	).map((r) => r.code_hash);
const replaced = (username: string) =>
	read<{ n: number }>(
		"select count(*) as n from audit_event join user on user.id = audit_event.actor_id where user.username = ? and action = 'recovery_codes_replaced'",
		username
	)[0].n;

async function account(prefix: string) {
	const username = uniqueName(prefix);
	const phone = new Client('en');
	expect((await phone.signUp(username)).status).toBe(200);
	return { username, phone };
}

describe('the password asked again, over HTTP', () => {
	it('new recovery codes: refused without the password or with a wrong one, nothing changed; with it, ten new codes, and the account page says when', async () => {
		const { username, phone } = await account('seized');
		const before = codesOf(username);
		expect(before).toHaveLength(10);
		expect(await (await phone.request('/account')).text()).not.toContain(
			EN.account_codes_made.split('{date}')[0]
		);

		for (const form of [{}, { password: '' }, { password: 'a guess at the password' }] as Record<
			string,
			string
		>[]) {
			const refused = await phone.post('/account/codes?/new', form);
			expect(refused.status).toBe(400);
			expect(await refused.text()).not.toMatch(/<li>[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}<\/li>/);
		}
		expect(codesOf(username)).toEqual(before);
		expect(replaced(username)).toBe(0);

		const made = await phone.post('/account/codes?/new', { password: PASSWORD });
		expect(made.status).toBe(200);
		const shownCodes = new Set(
			[...(await made.text()).matchAll(/<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})<\/li>/g)].map(
				(match) => match[1]
			)
		);
		expect(shownCodes.size).toBe(10);
		const after = codesOf(username);
		expect(after).toHaveLength(10);
		expect(after.filter((hash) => before.includes(hash))).toEqual([]);
		expect(replaced(username)).toBe(1);
		const page = await (await phone.request('/account')).text();
		expect(page).toContain(EN.account_codes_made.replace('{date}', formatDate(Date.now(), 'en')));
	});

	it('signing out everywhere: refused without the password or with a wrong one, the other session kept; with it, the other session ends', async () => {
		const { username, phone } = await account('everywhere');
		const other = new Client('en');
		expect((await other.signIn(username, PASSWORD)).status).toBe(303);
		expect((await other.request('/account')).status).toBe(200);

		for (const form of [{}, { password: 'a guess at the password' }] as Record<string, string>[]) {
			expect((await phone.post('/account?/signOutEverywhere', form)).status).toBe(400);
			expect((await other.request('/account')).status).toBe(200);
		}

		expect((await phone.post('/account?/signOutEverywhere', { password: PASSWORD })).status).toBe(
			200
		);
		expect((await other.request('/account')).status).toBe(303);
		expect((await phone.request('/account')).status).toBe(200);
	});
});
