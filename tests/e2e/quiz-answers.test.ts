/**
 * What a quiz attempt keeps, whichever way it arrives (the quiz form, a phone's sync): only what
 * each question can take (src/lib/courses/answers.ts). Requests forged as a script would send
 * them, since no person can put a word into a radio button.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, uniqueName } from './support';
import { QUOTAS } from '$lib/server/quotas';

const COURSE = 'first-aid-basics';
const QUIZ = 'q1';
let db: Database.Database;
beforeAll(() => {
	db = new Database(inject('databasePath'), { readonly: true });
});
afterAll(() => db.close());

async function learner(locale: 'my' | 'en'): Promise<{ client: Client; userId: string }> {
	const client = new Client(locale);
	const name = uniqueName('answers');
	expect((await client.signUp(name)).status).toBe(200);
	return {
		client,
		userId: (db.prepare('select id from user where username = ?').get(name) as { id: string }).id
	};
}

const lastAnswers = (userId: string) =>
	JSON.parse(
		(
			db
				.prepare('select answers from quiz_attempt where user_id = ? order by rowid desc limit 1')
				.get(userId) as { answers: string }
		).answers
	);

describe('quiz answers', () => {
	// Found by the fuzz suite: { seed: 918273, path: "15" } at FUZZ_RUNS=4 (tests/e2e/fuzz-forms.test.ts).
	it('refuses a Zawgyi word sent as a single-choice answer and keeps nothing of it (fuzz seed 918273, path 15)', async () => {
		const { client, userId } = await learner('my');
		const body = new URLSearchParams([
			['q-q1-1', 'ေက်ာင္းသား'],
			['q-q1-1[]', ''],
			['id', '1e309'],
			['sRM#f|P>$', '{"S*A`r1":null,"SI+":true}']
		]).toString();
		const response = await client.request(`/learn/courses/${COURSE}/quizzes/${QUIZ}`, {
			method: 'POST',
			body,
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			}
		});
		// Not an option of q1-1: the attempt is refused with the form's message, and nothing is kept.
		const result = JSON.parse(await response.text());
		expect(result).toMatchObject({ type: 'failure', status: 400 });
		expect(JSON.parse(result.data)).toContain(
			'အဖြေတစ်ခုသည် ၎င်း၏ မေးခွန်းနှင့် မကိုက်ညီပါ။ စာမေးပွဲ ပြောင်းသွားနိုင်သည်။ စာမေးပွဲကို ပြန်ဖွင့်ပြီး ဖြေပါ။'
		);
		expect(db.prepare('select count(*) n from quiz_attempt where user_id = ?').get(userId)).toEqual(
			{ n: 0 }
		);
		// The same form with the option's id is taken, and only the quiz's own fields are kept.
		const fixed = body.replace(encodeURIComponent('ေက်ာင္းသား'), 'b');
		const taken = await client.request(`/learn/courses/${COURSE}/quizzes/${QUIZ}`, {
			method: 'POST',
			body: fixed,
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			}
		});
		expect(JSON.parse(await taken.text()).type).toBe('success');
		expect(lastAnswers(userId)).toEqual({ 'q1-1': 'b' });
	});

	it('refuses the quiz form past the day’s quota of attempts with a translated 429 and Retry-After', async () => {
		const { client, userId } = await learner('en');
		const path = `/learn/courses/${COURSE}/quizzes/${QUIZ}`;
		for (let i = 0; i < QUOTAS.quizAttempts; i++)
			expect((await client.post(path, { 'q-q1-1': 'a' })).status).toBe(200);
		const over = await client.post(
			path,
			{ 'q-q1-1': 'a' },
			{ headers: { accept: 'application/json', 'x-sveltekit-action': 'true' } }
		);
		const result = JSON.parse(await over.text());
		expect(result).toMatchObject({ type: 'failure', status: 429 });
		expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(23 * 3600);
		expect(JSON.parse(result.data)).toContain(
			'You have checked your answers many times today. Please try again in about 24 hours.'
		);
		expect(db.prepare('select count(*) n from quiz_attempt where user_id = ?').get(userId)).toEqual(
			{ n: QUOTAS.quizAttempts }
		);
	});
});
