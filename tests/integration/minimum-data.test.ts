/**
 * Minimum by design. The people Lanpya serves are hunted: a real name, a rank, a unit, a
 * service number, a hometown, a phone number, an email or social-media account, or an exact
 * place could identify them or their families. Lanpya never asks for any of them, so no form
 * schema, no form field and no column may be named for one. A name that only looks like one
 * (a person's pseudonym, an organization's public name) is listed in REVIEWED with the reason
 * it is allowed; anything new that holds a name must be reviewed the same way.
 *
 * Uploaded pictures lose all metadata (GPS, camera serials) when they are re-encoded: that is
 * tested in images.test.ts ("strips EXIF (GPS, camera serial), XMP and ICC").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ZodType } from 'zod';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '$lib/server/db';
import { freshDb } from '../helpers/db';
import { databaseColumns } from '../helpers/data-register';

/**
 * What Lanpya never asks for. A word of five letters or more matches inside a word too
 * ("phonenumber", "telegram_handle"); a shorter one only as a whole word or its plural ("unit",
 * "units", never "opportunity"). Words separated by a space match in a row or written together
 * ("full_name", "fullName", "fullname").
 */
const NEVER_ASKED: { what: string; words: string[] }[] = [
	{
		what: 'a real name',
		words: [
			'real name',
			'full name',
			'first name',
			'last name',
			'given name',
			'family name',
			'legal name',
			'birth name',
			'true name',
			'maiden name',
			'father name',
			'mother name',
			'surname'
		]
	},
	{ what: 'a rank', words: ['rank'] },
	{
		what: 'a unit',
		words: ['unit', 'battalion', 'regiment', 'brigade', 'platoon', 'squadron', 'corps']
	},
	{
		what: 'a badge, service or identity number',
		words: [
			'badge',
			'service number',
			'service no',
			'service id',
			'army number',
			'military id',
			'personnel number',
			'serial number',
			'id number',
			'national id',
			'nrc',
			'passport',
			'id card'
		]
	},
	{
		what: 'a hometown or birthplace',
		words: [
			'hometown',
			'home town',
			'birthplace',
			'birth place',
			'native town',
			'native place',
			'home village',
			'village',
			'township'
		]
	},
	{ what: 'a date of birth', words: ['birthday', 'birth date', 'date of birth', 'dob'] },
	{ what: 'a phone number', words: ['phone', 'tel', 'mobile', 'msisdn', 'cell'] },
	{ what: 'an email address', words: ['email', 'e mail', 'mail', 'gmail'] },
	{
		what: 'a social-media or messaging account',
		words: [
			'social',
			'facebook',
			'fb',
			'telegram',
			'viber',
			'whatsapp',
			'signal',
			'messenger',
			'twitter',
			'tiktok',
			'instagram',
			'wechat',
			'skype',
			'line id'
		]
	},
	{
		what: 'an exact location',
		words: [
			'address',
			'addr',
			'location',
			'gps',
			'geo',
			'lat',
			'latitude',
			'lng',
			'lon',
			'longitude',
			'coords',
			'coordinates',
			'street',
			'postcode',
			'postal',
			'zip',
			'ward'
		]
	}
];

const PSEUDONYM = 'the pseudonym people sign in with, never a real one: the sign-up form says so';
const ORG_NAME = "an organization's name: organizations are named in the open";
const CONTENT_NAME = 'the name of a skill, a skill group or a background: content, not a person';
const CERTIFICATE_NAME =
	"a certificate's optional name for /verify: empty unless its holder types one, with a warning not to use a name that could put them or their family at risk; they can clear it, hide the certificate or revoke it";

/** Fields and columns holding a name, reviewed one by one: `table.column`, or `file: field`. */
/** A support service's name: what an organization publishes in the directory, naming no person. */
const SERVICE_NAME =
	"a support service's public name, chosen by its organization for the directory";
const REVIEWED: Record<string, string> = {
	'user.username': PSEUDONYM,
	'user.username_key': PSEUDONYM,
	'src/lib/schemas/account.ts: username': PSEUDONYM,
	'src/routes/(public)/signin/+page.svelte: username': PSEUDONYM,
	'src/routes/(public)/signup/+page.svelte: username': PSEUDONYM,
	'src/routes/(public)/recover/+page.svelte: username': PSEUDONYM,
	'organization.name': ORG_NAME,
	'src/lib/schemas/org.ts: name': ORG_NAME,
	'src/routes/org/+page.svelte: name': ORG_NAME,
	'certificate.display_name': CERTIFICATE_NAME,
	'training_certificate.display_name': CERTIFICATE_NAME,
	'src/lib/schemas/learning.ts: name': CERTIFICATE_NAME,
	'src/routes/learn/certificates/+page.svelte: name': CERTIFICATE_NAME,
	'skill.name_my': CONTENT_NAME,
	'skill.name_en': CONTENT_NAME,
	'skill_group.name_my': CONTENT_NAME,
	'skill_group.name_en': CONTENT_NAME,
	'background.name_my': CONTENT_NAME,
	'background.name_en': CONTENT_NAME,
	'src/lib/schemas/course-content.ts: name': CONTENT_NAME,
	'src/lib/schemas/skill-content.ts: name': CONTENT_NAME,
	'src/lib/schemas/skill.ts: name_my': CONTENT_NAME,
	'src/lib/schemas/skill.ts: name_en': CONTENT_NAME,
	'src/lib/staff/SkillFields.svelte: name': CONTENT_NAME,
	'help_request.service_id':
		'the support service asked (a row of the directory), not a service number',
	'help_referral.to_service_id':
		'the support service proposed (a row of the directory), not a service number',
	'service.name_my': SERVICE_NAME,
	'service.name_en': SERVICE_NAME,
	'src/lib/schemas/service.ts: name_my': SERVICE_NAME,
	'src/lib/schemas/service.ts: name_en': SERVICE_NAME,
	'src/lib/staff/ServiceFields.svelte: name': SERVICE_NAME,
	'course_image.name': "an uploaded picture's file name, made at random",
	'course_clip.name': "an uploaded sound clip's file name, made at random",
	'kysely_migration.name': "a migration's file name",
	'lease.name': 'the name of a piece of work the server does once for all its processes'
};

/** Lower-case words of a name: "phoneNumber", "phone_number" and "phone-number" are phone, number. */
function words(name: string): string[] {
	return name
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z]+/)
		.filter(Boolean);
}

function matches(name: string, pattern: string): boolean {
	const have = words(name);
	const want = pattern.split(' ');
	if (want.length === 1) {
		const [word] = want;
		return word.length >= 5
			? have.some((w) => w.includes(word))
			: have.some((w) => w === word || w === `${word}s`);
	}
	const inARow = have.some((_, i) => want.every((w, j) => have[i + j] === w));
	return inARow || have.some((w) => w.includes(want.join('')));
}

/** What a name looks like it holds: the NEVER_ASKED entries it matches, and "a name" for anything holding a name. */
function looksLike(name: string): string[] {
	const found = NEVER_ASKED.filter(({ words }) =>
		words.some((pattern) => matches(name, pattern))
	).map(({ what }) => what);
	if (words(name).some((w) => w.includes('name')))
		found.push('a name (review it and list it in REVIEWED)');
	return found;
}

interface Named {
	/** The key REVIEWED uses. */
	where: string;
	name: string;
}

/** Every key of every object in a zod schema, through pipes, optionals, arrays, unions and records. */
function schemaKeys(schema: ZodType, seen = new Set<ZodType>()): string[] {
	if (seen.has(schema)) return [];
	seen.add(schema);
	const def = schema.def as unknown as Record<string, unknown>;
	const inner = (...keys: string[]) =>
		keys.flatMap((key) => (def[key] ? [def[key] as ZodType] : []));
	switch (def.type) {
		case 'object': {
			const shape = def.shape as Record<string, ZodType>;
			return [
				...Object.keys(shape),
				...Object.values(shape).flatMap((s) => schemaKeys(s, seen)),
				...inner('catchall').flatMap((s) => schemaKeys(s, seen))
			];
		}
		case 'union':
			return (def.options as ZodType[]).flatMap((s) => schemaKeys(s, seen));
		default:
			return inner('in', 'out', 'innerType', 'element', 'left', 'right', 'valueType').flatMap((s) =>
				schemaKeys(s, seen)
			);
	}
}

/** Field names of every schema in src/lib/schemas. */
function schemaFields(): Named[] {
	const modules = import.meta.glob<Record<string, unknown>>('../../src/lib/schemas/*.ts', {
		eager: true
	});
	return Object.entries(modules).flatMap(([file, module]) => {
		const where = file.replace(/^(\.\.\/)+/, '');
		const schemas = Object.values(module).filter(
			(value): value is ZodType =>
				typeof value === 'object' && value !== null && 'def' in value && '_zod' in value
		);
		return [...new Set(schemas.flatMap((schema) => schemaKeys(schema)))].map((name) => ({
			where,
			name
		}));
	});
}

function svelteFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		return entry.isDirectory() ? svelteFiles(file) : file.endsWith('.svelte') ? [file] : [];
	});
}

/** name="..." of every element in the app's Svelte files; the literal part of names made with {expressions}. */
function svelteFields(): Named[] {
	return ['src/routes', 'src/lib'].flatMap(svelteFiles).flatMap((where) => {
		const source = fs.readFileSync(where, 'utf8');
		return [...source.matchAll(/(?<![\w-])name=(?:"([^"]*)"|'([^']*)')/g)].map((m) => ({
			where,
			name: (m[1] ?? m[2]).replace(/\{[^}]*\}/g, ' ')
		}));
	});
}

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ db, cleanup } = await freshDb()));
afterAll(() => cleanup());

async function columns(): Promise<Named[]> {
	const tables = await databaseColumns(db);
	return [...tables].flatMap(([table, names]) => [
		{ where: 'table', name: table },
		...names.map((name) => ({ where: table, name }))
	]);
}

const key = ({ where, name }: Named) =>
	where.includes('/') ? `${where}: ${name}` : where === 'table' ? name : `${where}.${name}`;

it('no form schema, form field or column is named for what Lanpya never asks', async () => {
	const schemas = schemaFields();
	const fields = svelteFields();
	const stored = await columns();
	// The walks find what they should: a schema key, a form field and a column known to exist.
	expect(schemas).toContainEqual({ where: 'src/lib/schemas/account.ts', name: 'background' });
	expect(fields).toContainEqual({
		where: 'src/routes/learn/profile/+page.svelte',
		name: 'visibility'
	});
	expect(stored).toContainEqual({ where: 'application_message', name: 'body' });

	const problems = [...schemas, ...fields, ...stored]
		.filter((named) => !(key(named) in REVIEWED))
		.flatMap((named) => looksLike(named.name).map((what) => `${key(named)} looks like ${what}`));
	expect([...new Set(problems)]).toEqual([]);
});

it('every reviewed name still exists', async () => {
	const keys = new Set([...schemaFields(), ...svelteFields(), ...(await columns())].map(key));
	expect(Object.keys(REVIEWED).filter((reviewed) => !keys.has(reviewed))).toEqual([]);
});

it('no form asks the browser to fill in a name, phone number, email or address', () => {
	const personal =
		/^(name|honorific-\w+|given-name|additional-name|family-name|nickname|email|tel(-[\w-]+)?|street-address|address-[\w-]+|postal-code|country(-name)?|bday(-\w+)?|sex|photo|impp)$/;
	const asked = ['src/routes', 'src/lib'].flatMap(svelteFiles).flatMap((file) => {
		const source = fs.readFileSync(file, 'utf8');
		const autocomplete = [...source.matchAll(/(?<![\w-])autocomplete="([^"]*)"/g)]
			.flatMap((m) => m[1].split(/\s+/))
			.filter((token) => personal.test(token));
		const types = [...source.matchAll(/(?<![\w-])type="(email|tel)"/g)].map((m) => `type=${m[1]}`);
		return [...autocomplete, ...types].map((what) => `${file}: ${what}`);
	});
	expect(asked).toEqual([]);
});

it('the denylist catches what it is meant to, and not the fields Lanpya has', () => {
	const caught = [
		'real_name',
		'fullName',
		'surname',
		'rank',
		'unit',
		'battalion',
		'badge_no',
		'serviceNumber',
		'nrc',
		'hometown',
		'birth_place',
		'village',
		'phone',
		'phoneNumber',
		'tel',
		'mobile_no',
		'email',
		'e_mail',
		'facebook_url',
		'telegramHandle',
		'viber',
		'address',
		'gps_lat',
		'latitude',
		'lng',
		'location',
		'date_of_birth'
	];
	expect(caught.filter((name) => looksLike(name).length === 0)).toEqual([]);
	const allowed = [
		'area',
		'remote_ok',
		'position',
		'opportunity',
		'community',
		'cancelled',
		'locale',
		'title_my',
		'pass_mark',
		'visibility',
		'availability',
		'background',
		'body',
		'note',
		'message'
	];
	expect(allowed.filter((name) => looksLike(name).length > 0)).toEqual([]);
	expect(looksLike('display_name')).toEqual(['a name (review it and list it in REVIEWED)']);
});
