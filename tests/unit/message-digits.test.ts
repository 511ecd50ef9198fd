import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as messages from '$lib/paraglide/messages';
import { formatNumber } from '$lib/format';
import { formatMessageInputs } from '../../scripts/vite-message-numbers';
import { ENGLISH_MONTH } from '../helpers/burmese-text';

type Message = (inputs?: Record<string, unknown>, options?: { locale?: 'my' | 'en' }) => string;
const m = messages as unknown as Record<string, Message>;

const { $schema: _, ...my } = JSON.parse(fs.readFileSync('messages/my.json', 'utf8')) as Record<
	string,
	string
>;
const params = (text: string) => [
	...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))
];

describe('Burmese messages read in Burmese digits', () => {
	it.each(Object.keys(my))(
		'%s has no ASCII digit or English month, its numbers filled in',
		(key) => {
			const inputs = Object.fromEntries(params(my[key]).map((name, i) => [name, 1234567 + i]));
			const text = m[key](inputs, { locale: 'my' });
			expect(text).not.toMatch(/[0-9]/);
			expect(text).not.toMatch(ENGLISH_MONTH);
			for (const value of Object.values(inputs)) expect(text).toContain(formatNumber(value, 'my'));
		}
	);

	it('fills numbers in Burmese digits and English digits, and never changes a code or a name', () => {
		expect(m.account_codes_remaining({ count: 10 }, { locale: 'my' })).toBe(
			'ကုဒ် ၁၀ ခုအနက် ၁၀ ခု ကျန်သည်။'
		);
		expect(m.account_codes_remaining({ count: 10 }, { locale: 'en' })).toBe('10 of 10 codes left.');
		expect(m.match_score({ score: 75 }, { locale: 'my' })).toBe('ကိုက်ညီမှု ၁၀၀ တွင် ၇၅');
		expect(m.cert_code({ code: 'BMZI-DEEE-6TCJ-5FJB' }, { locale: 'my' })).toContain(
			'BMZI-DEEE-6TCJ-5FJB'
		);
		expect(m.learn_welcome({ username: 'mgmg2021' }, { locale: 'my' })).toContain('mgmg2021');
		expect(m.admin_accounts_learners({ count: 12345 }, { locale: 'en' })).toBe('Learners: 12,345');
	});
});

describe('the build step that formats message inputs', () => {
	const module = (key: string, my: string, en: string) =>
		`const my_${key} = /** @type {(inputs: X) => LocalizedString} */ (i) => {\n\treturn /** @type {LocalizedString} */ (\`${my}\`)\n};\n\nconst en_${key} = /** @type {(inputs: X) => LocalizedString} */ (i) => {\n\treturn /** @type {LocalizedString} */ (\`${en}\`)\n};\n`;

	it('passes every input of every language through messageValue', () => {
		const code = formatMessageInputs(module('k', 'a ${i?.count} b', '${i?.count} c'), 'k', [
			'my',
			'en'
		])!;
		expect(code).toContain('${__messageValue("my", i?.count)}');
		expect(code).toContain('${__messageValue("en", i?.count)}');
		expect(code).toMatch(
			/^import \{ messageValue as __messageValue \} from ".*src\/lib\/format\.ts";/
		);
	});

	it('leaves a message without inputs alone', () => {
		expect(
			formatMessageInputs(module('k', 'a', 'b').replaceAll('(i) =>', '() =>'), 'k', ['my', 'en'])
		).toBeNull();
	});

	it('stops the build when Paraglide writes a shape it does not know', () => {
		expect(() =>
			formatMessageInputs(
				module('k', 'a ${registry.number("my", i?.count)}', 'b ${i?.count}'),
				'k',
				['my', 'en']
			)
		).toThrow(/does not know this shape/);
		expect(() => formatMessageInputs(module('k', 'a', 'b'), 'k', ['my', 'en', 'th'])).toThrow(
			/not 3/
		);
	});
});
