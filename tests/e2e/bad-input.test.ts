/**
 * Every form, fed what a careless phone or a hostile client sends: each gets a 400 with a
 * message in the user's language, and nothing is written.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Client, uniqueName } from './support';
import { sampleParams } from './routes';
import fs from 'node:fs';

const lessonPath = `/learn/courses/${sampleParams.course}/lessons/${sampleParams.lesson}`;
const quizPath = `/learn/courses/${sampleParams.course}/quizzes/${sampleParams.quiz}`;
const firstQuestion = JSON.parse(fs.readFileSync(`content/courses/${sampleParams.course}/quizzes/${sampleParams.quiz}.json`, 'utf8')).questions[0].id;

const MB = 'a'.repeat(1024 * 1024);

interface FormCase {
	name: string;
	path: string;
	role: 'anonymous' | 'learner' | 'org_member';
	valid: Record<string, string>;
	/** Fields whose free text is checked for markup and SQL. */
	text: string[];
	/** Every field is optional (an empty form clears the value). */
	emptyIsValid?: boolean;
}

const forms: FormCase[] = [
	{ name: 'sign-up', path: '/signup', role: 'anonymous', valid: { username: 'fresh-name', password: 'green tea and rice', kind: 'learner', background: '' }, text: ['username'] },
	{ name: 'sign-in', path: '/signin', role: 'anonymous', valid: { username: 'someone', password: 'whatever it is' }, text: [] },
	{ name: 'recovery', path: '/recover', role: 'anonymous', valid: { username: 'someone', code: 'abcd-efgh-ijkl', password: 'green tea and rice' }, text: ['code'] },
	{ name: 'change password', path: '/account/password', role: 'learner', valid: { current: 'green tea and rice', next: 'another good passphrase' }, text: [] },
	{ name: 'end a session', path: '/account?/endSession', role: 'learner', valid: { id: 'a'.repeat(64) }, text: ['id'] },
	{ name: 'background', path: '/account?/background', role: 'learner', valid: { background: 'family' }, text: ['background'], emptyIsValid: true },
	{ name: 'organization application', path: '/org?/apply', role: 'org_member', valid: { name: 'Good Clinic', kind: 'clinic', description: 'Care' }, text: ['name', 'description'] },
	{ name: 'join an organization', path: '/org?/join', role: 'org_member', valid: { code: 'abcd-efgh-ijkl-mnop' }, text: ['code'] },
	{ name: 'language switch', path: '/language', role: 'anonymous', valid: { locale: 'my', next: '/' }, text: ['locale', 'next'] },
	{ name: 'text size', path: `${lessonPath}?/textSize`, role: 'learner', valid: { size: 'l' }, text: ['size'] },
	{ name: 'quiz', path: quizPath, role: 'learner', valid: { [`q-${firstQuestion}`]: 'a' }, text: [], emptyIsValid: true },
	{ name: 'certificate name', path: '/learn/certificates?/name', role: 'learner', valid: { code: 'AAAA-BBBB-CCCC-DDDD', name: 'Ko Aung' }, text: ['code', 'name'] },
	{ name: 'hide a certificate', path: '/learn/certificates?/hide', role: 'learner', valid: { code: 'AAAA-BBBB-CCCC-DDDD' }, text: ['code'] },
	{ name: 'revoke a certificate', path: '/learn/certificates?/revoke', role: 'learner', valid: { code: 'AAAA-BBBB-CCCC-DDDD' }, text: ['code'] }
];

const TABLES = ['user', 'session', 'recovery_code', 'organization', 'org_member', 'org_invitation', 'sign_in_throttle', 'enrolment', 'lesson_progress', 'quiz_attempt', 'certificate'];
let sqlite: Database.Database;
const snapshot = () => TABLES.map((t) => (sqlite.prepare(`select count(*) n from "${t}"`).get() as { n: number }).n).join(',');
beforeAll(() => {
	sqlite = new Database(inject('databasePath'), { readonly: true });
});
afterAll(() => sqlite.close());

async function clientFor(role: FormCase['role'], locale: 'my' | 'en'): Promise<Client> {
	const client = new Client(locale);
	if (role !== 'anonymous') expect((await client.signUp(uniqueName('bad'), role)).status).toBe(200);
	return client;
}

function badBodies(form: FormCase): [string, BodyInit, string][] {
	const urlencoded = 'application/x-www-form-urlencoded';
	const field = Object.keys(form.valid)[0];
	const encode = (values: Record<string, string>) => new URLSearchParams(values).toString();
	const cases: [string, BodyInit, string][] = [
		...(form.emptyIsValid ? [] : [['an empty form', '', urlencoded] as [string, BodyInit, string]]),
		['a 1 MB value', encode({ ...form.valid, [field]: MB }), urlencoded],
		['a control character', encode({ ...form.valid, [field]: 'abc\u0000def' }), urlencoded],
		['broken UTF-8', `${field}=%FF%FE%FD&${encode(Object.fromEntries(Object.entries(form.valid).filter(([k]) => k !== field)))}`, urlencoded],
		['a JSON body instead of a form', JSON.stringify(form.valid), 'application/json']
	];
	for (const name of form.text) {
		cases.push([`SQL in ${name}`, encode({ ...form.valid, [name]: "x'; DROP TABLE user; --" }), urlencoded]);
		cases.push([`HTML in ${name}`, encode({ ...form.valid, [name]: '<script>alert(1)</script>' }), urlencoded]);
	}
	const multipart = new FormData();
	for (const [k, v] of Object.entries(form.valid)) multipart.set(k, v);
	multipart.set(field, new Blob(['not text']), 'file.bin');
	cases.push(['a file where text belongs', multipart, '']);
	return cases;
}

describe.each(forms)('the $name form', (form) => {
	it.each(badBodies(form))('answers %s with a translated 400 and writes nothing', async (_, body, type) => {
		for (const locale of ['my', 'en'] as const) {
			const client = await clientFor(form.role, locale);
			const before = snapshot();
			const headers: Record<string, string> = { accept: 'application/json' };
			if (type) headers['content-type'] = type;
			const response = await client.request(form.path, { method: 'POST', body, headers: { ...headers, 'x-sveltekit-action': 'true' } });
			const text = await response.text();
			if (response.status === 200) {
				// use:enhance requests get the action's result as JSON: a failure with status 400.
				const result = JSON.parse(text);
				expect(result.type).toBe('failure');
				expect(result.status).toBe(400);
			} else {
				expect(response.status).toBe(400);
			}
			expect(text).toMatch(locale === 'my' ? /[\u1000-\u109f]/ : /[a-z]{3}/i);
			if (locale === 'en') expect(text).not.toMatch(/[\u1000-\u109f]/);
			expect(snapshot()).toBe(before);
		}
	});
});

describe('a plain form post without JavaScript', () => {
	it('shows the form again with status 400 and the message beside the field', async () => {
		const client = new Client('my');
		const response = await client.post('/signup', { username: 'ab', password: 'green tea and rice', kind: 'learner' });
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('အသုံးပြုသူအမည်တွင် အနည်းဆုံး စာလုံး ၃ လုံး လိုသည်။');
		expect(html).not.toContain('green tea and rice');
	});
});
