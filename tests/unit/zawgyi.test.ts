import { describe, expect, it } from 'vitest';
import { hasInvalidCharacters, isZawgyi, toUnicode } from '$lib/server/text/normalize';

// Real Zawgyi-encoded text as typed on phones with the legacy font, and its Unicode form.
const samples: [string, string][] = [
	['ၾကိဳဆိုပါတယ္', 'ကြိုဆိုပါတယ်'],
	['မဂၤလာပါ', 'မင်္ဂလာပါ'],
	['ျမန္မာႏိုင္ငံ', 'မြန်မာနိုင်ငံ'],
	['ေက်ာင္းသား', 'ကျောင်းသား'],
	['စစ္သားေဟာင္း', 'စစ်သားဟောင်း'],
	['ကြ်န္ေတာ္ နာမည္ ေမာင္ေမာင္ ပါ', 'ကျွန်တော် နာမည် မောင်မောင် ပါ']
];

describe('Zawgyi to Unicode', () => {
	it.each(samples)('converts %s', (zawgyi, unicode) => {
		expect(isZawgyi(zawgyi)).toBe(true);
		expect(toUnicode(zawgyi)).toBe(unicode);
	});

	it.each(samples.map(([, unicode]) => unicode))('leaves Unicode %s as it is', (unicode) => {
		expect(isZawgyi(unicode)).toBe(false);
		expect(toUnicode(unicode)).toBe(unicode);
	});

	it('reads a bounded start of a long text, from its first Burmese character', () => {
		const english = 'Dear clinic, '.repeat(5_000);
		const zawgyi = samples.map(([z]) => z).join(' ');
		const unicode = samples.map(([, u]) => u).join(' ');
		// Two million characters decided from their start (from the first Burmese character), never read whole:
		// Unicode at the start decides it, however much Zawgyi follows.
		expect(isZawgyi(english + zawgyi.repeat(100_000))).toBe(true);
		expect(isZawgyi(unicode.repeat(60) + zawgyi.repeat(100_000))).toBe(false);
		expect(toUnicode(english + zawgyi.repeat(20)).endsWith(unicode)).toBe(true);
		// Past the start, the text is not looked at: Unicode first, Zawgyi after, stays as typed.
		const mixed = unicode.repeat(20) + zawgyi.repeat(20);
		expect(toUnicode(mixed)).toBe(mixed);
	});

	it('leaves text without Burmese alone, apart from NFC', () => {
		expect(toUnicode('Mae Sot clinic')).toBe('Mae Sot clinic');
		expect(toUnicode('Cafe\u0301')).toBe('Café');
	});
});

describe('invalid characters', () => {
	it('refuses control characters and broken UTF-8', () => {
		expect(hasInvalidCharacters('abc\u0000')).toBe(true);
		expect(hasInvalidCharacters('a\u001bb')).toBe(true);
		expect(hasInvalidCharacters('bad \ufffd byte')).toBe(true);
		expect(hasInvalidCharacters('lone \ud800 surrogate')).toBe(true);
	});

	it('accepts ordinary text, line breaks and emoji', () => {
		expect(hasInvalidCharacters('line one\nline two\ttab')).toBe(false);
		expect(hasInvalidCharacters('မင်္ဂလာပါ 👋')).toBe(false);
	});
});
