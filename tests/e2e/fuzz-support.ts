/**
 * What the fuzz suites share: hostile values and request bodies generated with fast-check, a
 * watch on the database that tells whether a request wrote anything, and the check that a
 * refusal speaks the user's language. FUZZ_RUNS multiplies the runs (default 1). FUZZ_SEED
 * chooses the inputs; by default it is derived from the commit being tested, so each commit
 * explores inputs of its own while a rerun of the same commit sends the same ones. The seed is
 * printed at the start and with any failure (fast-check adds the run's path), to replay it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { expect, inject } from 'vitest';
import { hasInvalidCharacters, isZawgyi, toUnicode } from '$lib/server/text/normalize';
import type { Client } from './support';

/** The seed of a commit: the first 31 bits of its hash. Null outside a git checkout. */
function commitSeed(): number | null {
	try {
		const head = execFileSync('git', ['rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'] })
			.toString()
			.trim();
		return /^[0-9a-f]{40}$/.test(head) ? parseInt(head.slice(0, 8), 16) & 0x7fffffff : null;
	} catch {
		return null;
	}
}

function seedFromEnvironment(): number {
	const given = process.env.FUZZ_SEED;
	if (given === undefined || given === '') return commitSeed() ?? 20_210_201;
	const seed = Number(given);
	if (!Number.isSafeInteger(seed))
		throw new Error(`FUZZ_SEED must be a whole number, not ${given}`);
	return seed;
}

export const FUZZ_SEED = seedFromEnvironment();
const MULTIPLIER = Number(process.env.FUZZ_RUNS ?? 1);
if (!(MULTIPLIER > 0))
	throw new Error(`FUZZ_RUNS must be a positive number, not ${process.env.FUZZ_RUNS}`);
/** Runs for one property: `base` by default, scaled by FUZZ_RUNS. */
export const runs = (base: number) => Math.max(1, Math.round(base * MULTIPLIER));

/** How to send the same inputs again. */
export const replay = (file: string) =>
	`FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${MULTIPLIER} npx vitest run --project e2e ${file}`;

/** Printed when a fuzz file starts. */
export function announce(file: string) {
	console.log(
		`${file}: seed ${FUZZ_SEED}, runs x${MULTIPLIER}${process.env.FUZZ_SEED ? '' : ' (seed from the commit)'}; replay: ${replay(file)}`
	);
}

/** fast-check's assert, with the command that replays the failure added to its message. */
export async function check<Ts extends unknown[]>(
	file: string,
	property: fc.IAsyncProperty<Ts>,
	params: fc.Parameters<Ts>
): Promise<void> {
	try {
		await fc.assert(property, { seed: FUZZ_SEED, endOnFailure: true, ...params });
	} catch (error) {
		if (error instanceof Error) error.message += `\nReplay: ${replay(file)}`;
		throw error;
	}
}

/** Every payload sent, for the report at the end of each file. */
export const sent = { count: 0 };

// Real Zawgyi-encoded text as phones with the legacy font type it (see tests/unit/zawgyi.test.ts).
export const ZAWGYI = [
	'ၾကိဳဆိုပါတယ္',
	'မဂၤလာပါ',
	'ျမန္မာႏိုင္ငံ',
	'ေက်ာင္းသား',
	'စစ္သားေဟာင္း',
	'ကြ်န္ေတာ္ နာမည္ ေမာင္ေမာင္ ပါ'
];

/**
 * A form value: text, raw bytes (percent-encoded) that may not be UTF-8 at all, or a unit
 * repeated to a huge length (kept short so a failure's counterexample stays readable).
 */
export type Value = string | { bytes: string } | { unit: string; length: number };
/** The text of a value (raw bytes as the server would decode them). */
export const textOf = (v: Value): string =>
	typeof v === 'string'
		? v
		: 'bytes' in v
			? Buffer.from(
					v.bytes.replace(/%([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
					'latin1'
				).toString('utf8')
			: v.unit.repeat(Math.ceil(v.length / v.unit.length));
export type Fields = [string, Value][];

const char = (from: number, to: number) =>
	fc.integer({ min: from, max: to }).map((c) => String.fromCodePoint(c));
const stringOf = (unit: fc.Arbitrary<string>, maxLength = 40) =>
	fc.string({ unit, minLength: 1, maxLength });

/** Hostile text: every kind the issue names, and ordinary text so mutations also hit the rules. */
export const hostileText: fc.Arbitrary<Value> = fc.oneof(
	fc.constantFrom(...ZAWGYI),
	stringOf(
		fc.oneof(
			char(0x1000, 0x109f),
			char(0x41, 0x7a),
			char(0x0e00, 0x0e7f),
			char(0x4e00, 0x4e20),
			fc.constantFrom(' ', '\u200b', '\u200c', '\u00a0', '\u0301', '😀', '\u202e')
		)
	),
	// Control characters, NUL among them, inside otherwise ordinary text.
	fc
		.tuple(fc.string({ maxLength: 10 }), char(0, 0x1f), fc.string({ maxLength: 10 }))
		.map(([a, c, b]) => a + c + b),
	fc.constantFrom(
		'abc\u0000def',
		'\u007f',
		'\u0085next',
		'bad \ufffd byte',
		'lone \ud800 surrogate',
		'tail \udc00'
	),
	// Broken UTF-8 and an encoded surrogate, sent as raw bytes.
	fc.constantFrom(
		{ bytes: '%FF%FE%FD' },
		{ bytes: 'ok%C3' },
		{ bytes: '%ED%A0%80' },
		{ bytes: '%C0%AF' },
		{ bytes: 'a%00b' }
	),
	fc.constantFrom(
		"x'; DROP TABLE user; --",
		"' OR '1'='1",
		'1 UNION SELECT password_hash FROM user',
		'a /* b */',
		'Robert"); delete from session; --'
	),
	fc.constantFrom(
		'<script>alert(1)</script>',
		'<img src=x onerror=alert(1)>',
		'</textarea><b>',
		'<!-- x -->',
		'a < b and c > d'
	),
	// Structures where a scalar belongs: JSON text, array and object notations.
	fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
	fc.constantFrom(
		'[]',
		'{}',
		'null',
		'undefined',
		'NaN',
		'-1',
		'1e309',
		'0x10',
		'9'.repeat(40),
		'true',
		'false',
		'on',
		''
	),
	// Huge values, beyond every field's limit (the server accepts bodies up to 6 MB).
	fc
		.tuple(
			fc.constantFrom('a', 'ဿ', ZAWGYI[2], '<', "'"),
			fc.oneof(
				{ weight: 6, arbitrary: fc.constantFrom(300, 5_000, 70_000) },
				{ weight: 1, arbitrary: fc.constant(1_100_000) }
			)
		)
		.map(([unit, length]) => ({ unit, length })),
	fc.string({ unit: 'binary', maxLength: 30 })
);

/** Names for extra fields: the form's own names in other shapes, and strange ones. */
const extraName = (names: string[]) =>
	fc.oneof(
		fc.constantFrom(...names).map((n) => `${n}[]`),
		fc.constantFrom(...names).map((n) => `${n}.0`),
		fc.constantFrom(
			'__proto__',
			'constructor',
			'id',
			'user_id',
			'kind',
			'status',
			'role',
			'admin',
			'',
			' ',
			'ျမန္မာ',
			'\u0000',
			'a'.repeat(5000)
		),
		fc.string({ maxLength: 12 })
	);

type Mutation =
	| { kind: 'keep' }
	| { kind: 'drop' }
	| { kind: 'replace'; value: Value }
	| { kind: 'twice'; value: Value; first: boolean };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	{ weight: 3, arbitrary: fc.constant({ kind: 'keep' as const }) },
	{ weight: 1, arbitrary: fc.constant({ kind: 'drop' as const }) },
	{ weight: 4, arbitrary: hostileText.map((value) => ({ kind: 'replace' as const, value })) },
	{
		weight: 1,
		arbitrary: fc
			.tuple(hostileText, fc.boolean())
			.map(([value, first]) => ({ kind: 'twice' as const, value, first }))
	}
);

export type Encoding =
	'urlencoded' | 'multipart' | 'json' | 'text' | 'none' | 'charset' | 'unbounded';
export interface Payload {
	fields: Fields;
	encoding: Encoding;
	/** A file part instead of this field's text (multipart only). */
	file: string | null;
	/** As use:enhance sends it (JSON answer) or as a plain form without JavaScript (HTML page). */
	enhance: boolean;
	locale: 'my' | 'en';
}

/** Bodies derived from a valid form: each field kept, dropped, replaced or sent twice, extra fields, any encoding. */
export function payloads(valid: Record<string, string>): fc.Arbitrary<Payload> {
	const names = Object.keys(valid);
	return fc
		.record({
			mutations: fc.array(mutation, { minLength: names.length, maxLength: names.length }),
			extras: fc.array(fc.tuple(extraName(names.length ? names : ['x']), hostileText), {
				maxLength: 3
			}),
			encoding: fc.oneof(
				{ weight: 8, arbitrary: fc.constant<Encoding>('urlencoded') },
				{ weight: 3, arbitrary: fc.constant<Encoding>('multipart') },
				{
					weight: 1,
					arbitrary: fc.constantFrom<Encoding>('json', 'text', 'none', 'charset', 'unbounded')
				}
			),
			file: fc.option(fc.constantFrom(...(names.length ? names : ['x'])), { freq: 6 }),
			enhance: fc.oneof(
				{ weight: 3, arbitrary: fc.constant(true) },
				{ weight: 1, arbitrary: fc.constant(false) }
			),
			locale: fc.constantFrom<'my' | 'en'>('my', 'en')
		})
		.map(({ mutations, extras, encoding, file, enhance, locale }) => {
			const fields: Fields = [];
			names.forEach((name, i) => {
				const m = mutations[i];
				if (m.kind === 'keep') fields.push([name, valid[name]]);
				else if (m.kind === 'replace') fields.push([name, m.value]);
				else if (m.kind === 'twice') {
					const pair: Fields = [
						[name, valid[name]],
						[name, m.value]
					];
					fields.push(...(m.first ? pair : pair.reverse()));
				}
			});
			fields.push(...extras);
			return { fields, encoding, file: encoding === 'multipart' ? file : null, enhance, locale };
		});
}

const asBytes = (v: Value) =>
	typeof v === 'object' && 'bytes' in v
		? Buffer.from(
				v.bytes.replace(/%([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))),
				'latin1'
			)
		: Buffer.from(textOf(v));
/** A value as it travels in an address or urlencoded body. */
export const urlPart = (v: Value) =>
	typeof v === 'object' && 'bytes' in v
		? v.bytes
		: encodeURIComponent(
				textOf(v).replace(/[\ud800-\udfff]/g, (s, i, all) => (isPaired(all, i) ? s : '\ufffd'))
			);

/** The request body and content type of a payload, bytes exactly as generated. */
export function encode(p: Payload): { body: Buffer; type: string | null } {
	const form = () =>
		Buffer.from(p.fields.map(([k, v]) => `${encodeURIComponent(k)}=${urlPart(v)}`).join('&'));
	switch (p.encoding) {
		case 'urlencoded':
			return { body: form(), type: 'application/x-www-form-urlencoded' };
		case 'charset':
			return { body: form(), type: 'application/x-www-form-urlencoded; charset=iso-8859-1' };
		case 'none':
			return { body: form(), type: null };
		case 'json':
			return {
				body: Buffer.from(
					JSON.stringify(Object.fromEntries(p.fields.map(([k, v]) => [k, textOf(v)])))
				),
				type: 'application/json'
			};
		case 'text':
			return {
				body: Buffer.concat(
					p.fields.map(([k, v]) =>
						Buffer.concat([Buffer.from(`${k}=`), asBytes(v), Buffer.from('\r\n')])
					)
				),
				type: 'text/plain'
			};
		case 'unbounded':
			return { body: form(), type: 'multipart/form-data' };
		case 'multipart': {
			const boundary = `----fuzz${Math.abs(hash(JSON.stringify(p.fields))).toString(36)}`;
			const parts = p.fields.map(([k, v]) => {
				const name = k.replace(/["\r\n]/g, '_');
				const head =
					k === p.file
						? `Content-Disposition: form-data; name="${name}"; filename="x.bin"\r\nContent-Type: application/octet-stream`
						: `Content-Disposition: form-data; name="${name}"`;
				return Buffer.concat([
					Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`),
					asBytes(v),
					Buffer.from('\r\n')
				]);
			});
			return {
				body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
				type: `multipart/form-data; boundary=${boundary}`
			};
		}
	}
}

function isPaired(s: string, i: number): boolean {
	const c = s.charCodeAt(i);
	return c < 0xdc00
		? i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff
		: i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) < 0xdc00;
}

function hash(s: string): number {
	let h = 0;
	for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
	return h;
}

/** Sends a payload as `client` would; counts it. */
export async function send(client: Client, path: string, p: Payload): Promise<Response> {
	const { body, type } = encode(p);
	const headers: Record<string, string> = { accept: p.enhance ? 'application/json' : 'text/html' };
	if (p.enhance) headers['x-sveltekit-action'] = 'true';
	if (type) headers['content-type'] = type;
	client.locale = p.locale;
	sent.count++;
	return client.request(path, { method: 'POST', body: new Uint8Array(body), headers });
}

/** Literal parts of each message (placeholders cut out), per language. */
function fragments(locale: 'my' | 'en'): Map<string, string[]> {
	const messages = JSON.parse(fs.readFileSync(`messages/${locale}.json`, 'utf8')) as Record<
		string,
		unknown
	>;
	const map = new Map<string, string[]>();
	for (const [key, value] of Object.entries(messages)) {
		if (typeof value !== 'string') continue;
		map.set(
			key,
			value
				.split(/\{[^}]*\}/)
				.map((s) => s.trim())
				.filter((s) => s.length >= 4)
		);
	}
	return map;
}
const CATALOGUE = { my: fragments('my'), en: fragments('en') };

const decodeHtml = (s: string) =>
	s
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');

/** The text of an answer as a person (or the page's script) reads it. */
function readable(text: string, type: string): string {
	if (!type.includes('json')) return decodeHtml(text);
	// An action's answer carries its data serialised as a string inside the JSON.
	const unwrap = (s: string): string => {
		try {
			const v = JSON.parse(s);
			return typeof v === 'string'
				? unwrap(v)
				: typeof v === 'object' && v !== null
					? Object.values(v)
							.map((x) => (typeof x === 'string' ? unwrap(x) : JSON.stringify(x)))
							.join('\n')
					: String(v);
		} catch {
			return s;
		}
	};
	return unwrap(text);
}

/** The error messages of `locale` found in an answer's text. */
export function messagesIn(text: string, type: string, locale: 'my' | 'en'): string[] {
	const read = readable(text, type);
	const found: string[] = [];
	for (const [key, parts] of CATALOGUE[locale]) {
		if (!key.startsWith('error_')) continue;
		if (parts.length > 0 && parts.every((p) => read.includes(p))) found.push(key);
	}
	return found;
}

export interface Verdict {
	/** accepted: the action or endpoint did its work; rejected: a 4xx (or an action's failure); sent away: a redirect to sign in. */
	kind: 'accepted' | 'rejected' | 'sent away';
	status: number;
	text: string;
}

/** Reads an answer: never a 5xx; a refusal carries an error message in the request's language. */
export async function judge(
	response: Response,
	locale: 'my' | 'en',
	what: string
): Promise<Verdict> {
	const text = await response.text();
	const type = response.headers.get('content-type') ?? '';
	expect(response.status, `${what}: ${text.slice(0, 300)}`).toBeLessThan(500);
	let status = response.status;
	let kind: Verdict['kind'] = status < 300 ? 'accepted' : status < 400 ? 'accepted' : 'rejected';
	if (status === 200 && type.includes('json')) {
		const result = JSON.parse(text);
		if (result.type === 'failure' || result.type === 'error') {
			kind = 'rejected';
			status = result.status ?? status;
		}
	}
	if (status >= 300 && status < 400) {
		const location = response.headers.get('location') ?? '';
		if (/^\/(signin|unlock)\b/.test(location)) kind = 'sent away';
	}
	if (kind === 'rejected') {
		expect(status, what).toBeGreaterThanOrEqual(400);
		expect(status, what).toBeLessThan(500);
		const mine = messagesIn(text, type, locale);
		expect(
			mine,
			`${what}: no ${locale} error message in ${status} ${text.slice(0, 300)}`
		).not.toEqual([]);
		expect(mine, `${what}: a refusal called a server error`).not.toContain('error_server');
		if (locale === 'en')
			expect(
				messagesIn(text, type, 'my').filter((k) => !mine.includes(k)),
				`${what}: Burmese error message in an English answer`
			).toEqual([]);
	}
	return { kind, status, text };
}

/**
 * Everything stored, except what may change on any request, table by table as sets of rows.
 * Left out, each for its reason:
 * - session.expires_at, last_seen_at, active_at: sliding expiry and the shared phone's idle
 *   lock move on every request of a signed-in person (auth/session.ts);
 * - the time in session.pin_at: the disguise's idle lock moves it on every request of an open
 *   guarded session (auth/session.ts); whether it is set (open by the code) or empty (locked)
 *   stays watched, so a refusal that locks or opens a session is still found;
 * - user.last_active_at: the day of last use, for deleting unused accounts (accounts/inactive.ts);
 * - sign_in_throttle: failed sign-ins, recoveries and password checks count against the name
 *   tried, by design (auth/throttle.ts);
 * - audit_event rows of sign_in_failed, password_reset_failed, profile_view, application_view,
 *   messages_view, roster_view and help_request_view: a failed sign-in and a failed recovery are recorded for the account tried,
 *   so its holder sees them (accounts/index.ts; a wrong code at /recover is answered 400 and
 *   counted, like a wrong password at /signin), and the pages shown again after a refused form
 *   are recorded, by design (audit/);
 * - application.learner_seen_at, org_seen_at (and training_place's, help_request's): when each
 *   side last opened the application, the training's thread or the request for help; a refused form without JavaScript shows the page
 *   again, which counts as opening it;
 * - match_change and match_reader: notes that matching's memory reads, and each process's place
 *   in them (matching/changes.ts);
 * - attempt and attempt_salt: attempts counted against the per-address limits, a refused form
 *   included (auth/throttle.ts);
 * - lease: which process runs the daily sweep, taken and renewed by the servers' minute timer,
 *   never by a request (housekeeping.ts).
 */
const LEFT_OUT: Record<string, string[]> = {
	session: ['expires_at', 'last_seen_at', 'active_at'],
	user: ['last_active_at'],
	application: ['learner_seen_at', 'org_seen_at'],
	training_place: ['learner_seen_at', 'org_seen_at'],
	help_request: ['learner_seen_at', 'org_seen_at']
};
const TABLES_LEFT_OUT = new Set([
	'sign_in_throttle',
	'match_change',
	'match_reader',
	'attempt',
	'attempt_salt',
	'lease',
	'kysely_migration',
	'kysely_migration_lock'
]);
const AUDIT_BY_DESIGN =
	"action not in ('sign_in_failed', 'password_reset_failed', 'profile_view', 'application_view', 'messages_view', 'roster_view', 'help_request_view')";

export class DatabaseWatch {
	private db = new Database(inject('databasePath'), { readonly: true });
	private version = -1;
	private rows = new Map<string, Set<string>>();

	private dataVersion(): number {
		return this.db.pragma('data_version', { simple: true }) as number;
	}

	private read(): Map<string, Set<string>> {
		const tables = (
			this.db
				.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
				.all() as { name: string }[]
		)
			.map((t) => t.name)
			.filter((t) => !TABLES_LEFT_OUT.has(t));
		const state = new Map<string, Set<string>>();
		for (const table of tables) {
			const where = table === 'audit_event' ? ` where ${AUDIT_BY_DESIGN}` : '';
			const rows = this.db.prepare(`select * from "${table}"${where}`).all() as Record<
				string,
				unknown
			>[];
			const omit = LEFT_OUT[table] ?? [];
			const kept = (row: Record<string, unknown>) =>
				Object.entries(row)
					.filter(([k]) => !omit.includes(k))
					.map(([k, v]): [string, unknown] =>
						table === 'session' && k === 'pin_at' ? [k, v !== null] : [k, v]
					);
			state.set(table, new Set(rows.map((row) => JSON.stringify(kept(row)))));
		}
		return state;
	}

	/** Call before a request: the state it will be compared with. */
	before(): void {
		const version = this.dataVersion();
		if (version !== this.version) {
			this.rows = this.read();
			this.version = version;
		}
	}

	/** Rows added or changed since before(), as `table: row`. */
	changes(): string[] {
		if (this.dataVersion() === this.version) return [];
		const now = this.read();
		const changed: string[] = [];
		for (const [table, rows] of now) {
			const old = this.rows.get(table) ?? new Set();
			for (const row of rows) if (!old.has(row)) changed.push(`${table}: ${row}`);
			for (const row of old) if (!rows.has(row)) changed.push(`${table} (gone): ${row}`);
		}
		this.rows = now;
		this.version = this.dataVersion();
		return changed;
	}

	/** An organization's id, by its name. */
	orgId(name: string): string {
		return (
			this.db.prepare('select id from organization where name = ?').get(name) as { id: string }
		).id;
	}

	close() {
		this.db.close();
	}
}

/**
 * Accepted text is stored normalised: no changed row holds control characters or text that is
 * not NFC, and no Zawgyi text that was sent is stored as it was (its Unicode form is).
 */
export function expectNormalised(changes: string[], sentValues: Value[], what: string) {
	const zawgyi = sentValues
		.map(textOf)
		.filter((t) => t.length >= 4 && t.length < 1000 && isZawgyi(t) && toUnicode(t) !== t);
	for (const change of changes) {
		if (change.includes(' (gone): ')) continue;
		const row = JSON.parse(change.slice(change.indexOf(': ') + 2)) as [string, unknown][];
		for (const [column, value] of row) {
			if (typeof value !== 'string') continue;
			expect(
				hasInvalidCharacters(value),
				`${what}: ${change.slice(0, 200)} stores control characters in ${column}`
			).toBe(false);
			expect(value.normalize('NFC'), `${what}: ${column} stored not in NFC`).toBe(value);
			for (const z of zawgyi)
				expect(value.includes(z), `${what}: ${column} stores Zawgyi ${z} as sent`).toBe(false);
		}
	}
}
