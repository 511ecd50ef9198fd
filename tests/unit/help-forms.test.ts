/**
 * The forms of services and requests for help, as the server reads them (src/lib/schemas/
 * service.ts, help.ts): Zawgyi converted, one language enough, a language spoken required, and
 * a referral naming only the learner's messages by their field names.
 */
import { describe, expect, it } from 'vitest';
import { readFormData } from '$lib/server/forms';
import { serviceDetailsSchema } from '$lib/schemas/service';
import { helpAskSchema, referralSchema } from '$lib/schemas/help';

const ZAWGYI = 'ျမန္မာႏိုင္ငံ';
const UNICODE = 'မြန်မာနိုင်ငံ';
const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.append(name, value);
	return data;
};
const service = {
	kind: 'legal',
	audience: 'everyone',
	area: 'remote',
	name_my: ZAWGYI,
	name_en: '',
	description_my: '',
	description_en: 'Advice on papers',
	lang_my: 'on',
	cost: 'free',
	hours: '',
	walk_in: '',
	contact: ''
};

describe('the service form', () => {
	it('converts Zawgyi, takes one language per pair, and reads the languages ticked', () => {
		const result = readFormData(form(service), serviceDetailsSchema, 'en');
		expect(result).toMatchObject({
			ok: true,
			data: {
				kind: 'legal',
				nameMy: UNICODE,
				nameEn: '',
				descriptionEn: 'Advice on papers',
				languages: ['my'],
				free: true,
				area: 'remote'
			}
		});
	});

	it('needs a language spoken and a name, each refused in words', () => {
		const { lang_my: _, ...none } = service;
		expect(readFormData(form(none), serviceDetailsSchema, 'en')).toMatchObject({
			ok: false,
			errors: { languages: 'Choose at least one language.' }
		});
		expect(
			readFormData(form({ ...service, name_my: '' }), serviceDetailsSchema, 'my')
		).toMatchObject({ ok: false, errors: { name_my: expect.stringMatching(/[\u1000-\u109f]/) } });
	});

	it('refuses an area or kind it does not list', () => {
		for (const wrong of [{ area: 'bangkok' }, { kind: 'weapons' }, { cost: 'cheap' }])
			expect(readFormData(form({ ...service, ...wrong }), serviceDetailsSchema, 'en').ok).toBe(
				false
			);
	});
});

describe('asking and referring', () => {
	it('asks with a known urgency and a message', () => {
		expect(
			readFormData(form({ kind: 'health', urgency: 'soon', message: 'x' }), helpAskSchema, 'en').ok
		).toBe(false);
		expect(
			readFormData(form({ kind: 'health', urgency: 'today', message: ZAWGYI }), helpAskSchema, 'en')
		).toMatchObject({ ok: true, data: { message: UNICODE } });
	});

	it('names the messages passed on by their fields, at least one, and nothing else', () => {
		expect(
			readFormData(
				form({ service: 'abcdefgh12', word_aaaaaaaaaa: 'on', word_bbbbbbbbbb: 'on' }),
				referralSchema,
				'en'
			)
		).toMatchObject({
			ok: true,
			data: { service: 'abcdefgh12', messageIds: ['aaaaaaaaaa', 'bbbbbbbbbb'] }
		});
		expect(readFormData(form({ service: 'abcdefgh12' }), referralSchema, 'en').ok).toBe(false);
		expect(
			readFormData(
				form({ service: 'abcdefgh12', word_aaaaaaaaaa: 'on', other: 'on' }),
				referralSchema,
				'en'
			).ok
		).toBe(false);
		expect(
			readFormData(form({ service: 'x', word_aaaaaaaaaa: 'on' }), referralSchema, 'en').ok
		).toBe(false);
	});
});
