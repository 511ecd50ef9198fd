import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	asciiDigits,
	formatBytes,
	formatDate,
	formatDateTime,
	formatDay,
	formatList,
	formatNumber,
	localDigits
} from '$lib/format';

const at = (iso: string) => Date.parse(iso);

describe('Lanpya formats numbers and dates itself', () => {
	afterEach(() => vi.restoreAllMocks());

	it('writes the same as full Burmese and British locale data, for every month, in Myanmar time', () => {
		for (let month = 0; month < 12; month++) {
			const time = Date.UTC(2026, month, 6, 3, 0);
			const options = {
				year: 'numeric',
				month: 'long',
				day: 'numeric',
				timeZone: 'Asia/Yangon'
			} as const;
			expect(formatDate(time, 'my')).toBe(new Date(time).toLocaleDateString('my-MM', options));
			expect(formatDate(time, 'en')).toBe(new Date(time).toLocaleDateString('en-GB', options));
		}
	});

	it('never asks the browser or Node for locale data, so a phone without Burmese data prints the same', () => {
		const refuse = () => {
			throw new Error('locale data asked for');
		};
		vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(refuse);
		vi.spyOn(Intl, 'NumberFormat').mockImplementation(refuse);
		vi.spyOn(Date.prototype, 'toLocaleDateString').mockImplementation(refuse);
		vi.spyOn(Date.prototype, 'toLocaleString').mockImplementation(refuse);
		vi.spyOn(Number.prototype, 'toLocaleString').mockImplementation(refuse);
		expect(formatDate(at('2026-12-06T04:31:00Z'), 'my')).toBe('၂၀၂၆ ဒီဇင်ဘာ ၆');
		expect(formatDate(at('2026-12-06T04:31:00Z'), 'en')).toBe('6 December 2026');
		expect(formatDateTime(at('2026-12-06T04:31:00Z'), 'my')).toBe('၂၀၂၆ ဒီဇင်ဘာ ၆၊ ၁၁:၀၁');
		expect(formatDateTime(at('2026-12-06T04:31:00Z'), 'en')).toBe('6 December 2026, 11:01');
		expect(formatNumber(1234, 'my')).toBe('၁,၂၃၄');
		expect(formatBytes(84 * 1024, 'my')).toBe('၈၄ KB');
	});

	it('puts the day where Myanmar has it, whatever the zone of the server or phone', () => {
		const zone = process.env.TZ;
		try {
			for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Bangkok', 'Pacific/Kiritimati']) {
				process.env.TZ = tz;
				expect(formatDate(at('2026-12-06T17:29:00Z'), 'my')).toBe('၂၀၂၆ ဒီဇင်ဘာ ၆');
				expect(formatDate(at('2026-12-06T17:30:00Z'), 'my')).toBe('၂၀၂၆ ဒီဇင်ဘာ ၇');
				expect(formatDateTime(at('2026-12-31T17:45:00Z'), 'en')).toBe('1 January 2027, 00:15');
			}
		} finally {
			process.env.TZ = zone;
		}
	});

	it('reads a stored calendar day (a role closing) without moving it', () => {
		expect(formatDay('2027-01-31', 'my')).toBe('၂၀၂၇ ဇန်နဝါရီ ၃၁');
		expect(formatDay('2027-01-31', 'en')).toBe('31 January 2027');
		expect(formatDay('2027-13-01', 'en')).toBe('2027-13-01');
		expect(formatDay('soon', 'my')).toBe('soon');
	});

	it('writes numbers and sizes in each language’s digits', () => {
		expect(formatNumber(0, 'my')).toBe('၀');
		expect(formatNumber(75, 'my')).toBe('၇၅');
		expect(formatNumber(12345, 'en')).toBe('12,345');
		expect(formatNumber(1234567, 'my')).toBe('၁,၂၃၄,၅၆၇');
		expect(formatNumber(0.5, 'my')).toBe('၀.၅');
		expect(formatNumber(-3, 'en')).toBe('-3');
		expect(formatNumber(2.0, 'en')).toBe('2');
		expect(formatBytes(500, 'my')).toBe('၅၀၀ B');
		expect(formatBytes(66 * 1024 + 300, 'en')).toBe('66 KB');
		expect(formatBytes(1.5 * 1024 * 1024, 'my')).toBe('၁.၅ MB');
		expect(formatBytes(2 * 1024 * 1024, 'en')).toBe('2 MB');
		expect(localDigits('12:05', 'my')).toBe('၁၂:၀၅');
		expect(localDigits('12:05', 'en')).toBe('12:05');
	});

	it('separates list items with "၊" in Burmese and a comma in English', () => {
		expect(formatList(['အင်္ဂလိပ်စကား (အခြေခံ)', 'ထိုင်းစကား (အခြေခံ)'], 'my')).toBe(
			'အင်္ဂလိပ်စကား (အခြေခံ)၊ ထိုင်းစကား (အခြေခံ)'
		);
		expect(formatList(['English', 'Thai'], 'en')).toBe('English, Thai');
	});

	it('reads Burmese digits typed into a number field', () => {
		expect(asciiDigits('၂၀၂၇-၀၁-၃၁')).toBe('2027-01-31');
		expect(asciiDigits('၁၂')).toBe('12');
		expect(asciiDigits('abc 12')).toBe('abc 12');
	});
});
