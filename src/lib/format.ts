/**
 * Numbers, sizes, dates and lists as people read them, in Burmese or English: the one place
 * Lanpya formats them, on the server, on pages, in the offline reader and on the pages the
 * service worker keeps, so a page reads the same before and after its script runs.
 *
 * Never the browser's own locale data (`Intl`, `toLocaleString`): many phones' browsers have no
 * Burmese data and print "2026 M12 6" where the server wrote "၂၀၂၆ ဒီဇင်ဘာ ၆". The calendar
 * words and digits below are the locale data (CLDR's, for `my` and `en-GB`), not sentences of
 * the interface, which stay in messages/*.json.
 *
 * Messages format their number parameters with `formatNumber` (scripts/vite-message-numbers.ts),
 * so `m.quiz_result({ score: 75 })` reads "သင် ၇၅% ရသည်။". A string parameter is never
 * changed: recovery codes, certificate codes, usernames, pseudonyms and anything a person wrote
 * keep their ASCII digits, as they must be typed back or are someone's own words.
 *
 * No import of messages here: every message module imports this one.
 */
import { getLocale } from '$lib/paraglide/runtime';

type Locale = 'my' | 'en';
const asLocale = (locale: string): Locale => (locale === 'en' ? 'en' : 'my');

/** Myanmar digits ၀-၉ (U+1040-U+1049). */
const MYANMAR_ZERO = 0x1040;

/** The ASCII digits of a text written with the language's digits (Burmese: ၀-၉). */
export function localDigits(text: string, locale: string = getLocale()): string {
	if (asLocale(locale) === 'en') return text;
	return text.replace(/[0-9]/g, (d) => String.fromCharCode(MYANMAR_ZERO + d.charCodeAt(0) - 48));
}

/** Myanmar digits typed into a number or date field, as the ASCII digits the field's rules read. */
export function asciiDigits(text: string): string {
	return text.replace(/[\u1040-\u1049]/g, (d) => String(d.charCodeAt(0) - MYANMAR_ZERO));
}

/**
 * A number in the language's digits: "၁,၂၃၄" or "1,234". Thousands are grouped with a comma
 * in both languages (as CLDR's Burmese data does); up to `fraction` digits after the point.
 */
export function formatNumber(value: number, locale: string = getLocale(), fraction = 2): string {
	if (!Number.isFinite(value)) return localDigits(String(value), locale);
	let text = Math.abs(value).toFixed(fraction);
	if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
	const [whole, part] = text.split('.');
	const sign = value < 0 && Number(text) !== 0 ? '-' : '';
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return localDigits(`${sign}${grouped}${part ? `.${part}` : ''}`, locale);
}

/**
 * A message parameter as the message shows it: numbers in the language's digits, everything
 * else (codes, names, text people wrote, texts already formatted) as it is. Called by every
 * message module (scripts/vite-message-numbers.ts).
 */
export function messageValue(locale: string, value: unknown): unknown {
	return typeof value === 'number' || typeof value === 'bigint'
		? formatNumber(Number(value), locale)
		: value;
}

/** "၈၄ KB", "84 KB": sizes as people see them on a download button (KB and MB as on phones). */
export function formatBytes(bytes: number, locale: string = getLocale()): string {
	if (bytes < 1024) return `${formatNumber(bytes, locale)} B`;
	if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 1024), locale)} KB`;
	return `${formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, locale, 1)} MB`;
}

const MONTHS: Record<Locale, readonly string[]> = {
	my: [
		'ဇန်နဝါရီ',
		'ဖေဖော်ဝါရီ',
		'မတ်',
		'ဧပြီ',
		'မေ',
		'ဇွန်',
		'ဇူလိုင်',
		'ဩဂုတ်',
		'စက်တင်ဘာ',
		'အောက်တိုဘာ',
		'နိုဝင်ဘာ',
		'ဒီဇင်ဘာ'
	],
	en: [
		'January',
		'February',
		'March',
		'April',
		'May',
		'June',
		'July',
		'August',
		'September',
		'October',
		'November',
		'December'
	]
};

/**
 * Times are shown in Myanmar time (UTC+06:30, no daylight saving), whatever the zone of the
 * server or the phone: both then print the same day, and it is the day as Lanpya's people live
 * it (Myanmar; Thailand is 30 minutes ahead, India's border an hour behind), where UTC would
 * move everything after 17:30 to the next day. Pages that show a time of day say which zone.
 */
const ZONE_OFFSET_MS = 6.5 * 3_600_000;

function calendarDay(year: number, month: number, day: number, locale: Locale): string {
	return locale === 'my'
		? localDigits(`${year} ${MONTHS.my[month]} ${day}`, 'my')
		: `${day} ${MONTHS.en[month]} ${year}`;
}

/** A day, from a time (epoch milliseconds): "၂၀၂၆ ဒီဇင်ဘာ ၆", "6 December 2026". */
export function formatDate(time: number, locale: string = getLocale()): string {
	const d = new Date(time + ZONE_OFFSET_MS);
	return calendarDay(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), asLocale(locale));
}

/** A day and its time of day, 24-hour: "၂၀၂၆ ဒီဇင်ဘာ ၆၊ ၁၀:၀၁", "6 December 2026, 10:01". */
export function formatDateTime(time: number, locale: string = getLocale()): string {
	const d = new Date(time + ZONE_OFFSET_MS);
	const clock = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
	return `${formatDate(time, locale)}${asLocale(locale) === 'my' ? '၊ ' : ', '}${localDigits(clock, locale)}`;
}

/**
 * A calendar day stored as `YYYY-MM-DD` (a role's start and closing days), which belongs to no
 * time zone: "၂၀၂၇ ဇန်နဝါရီ ၃၁", "31 January 2027". Anything else is returned as it is.
 */
export function formatDay(day: string, locale: string = getLocale()): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (!match || Number(match[2]) < 1 || Number(match[2]) > 12) return day;
	return calendarDay(Number(match[1]), Number(match[2]) - 1, Number(match[3]), asLocale(locale));
}

/**
 * A local time stored as `YYYY-MM-DDTHH:MM` (a training's session, in the time where it meets,
 * so no zone is moved): "၂၀၉၉ ဇန်နဝါရီ ၅၊ ၀၉:၀၀", "5 January 2099, 09:00". Anything else is
 * returned as it is.
 */
export function formatLocalTime(value: string, locale: string = getLocale()): string {
	const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
	if (!match) return value;
	return `${formatDay(match[1], locale)}${asLocale(locale) === 'my' ? '၊ ' : ', '}${localDigits(match[2], locale)}`;
}

/** A session from its start to its end: the end's time only when it ends the same day. */
export function formatSpan(startsAt: string, endsAt: string, locale: string = getLocale()): string {
	const sameDay = startsAt.slice(0, 10) === endsAt.slice(0, 10) && /T\d{2}:\d{2}$/.test(endsAt);
	return `${formatLocalTime(startsAt, locale)}–${sameDay ? localDigits(endsAt.slice(11), locale) : formatLocalTime(endsAt, locale)}`;
}

/** Items of a list in a sentence: "အင်္ဂလိပ်စကား၊ ထိုင်းစကား", "English, Thai". */
export function formatList(items: readonly string[], locale: string = getLocale()): string {
	return items.join(asLocale(locale) === 'my' ? '၊ ' : ', ');
}

/** The text in the reader's language, or in the other one when it is missing. */
export function inLocale(text: { my: string; en: string }, locale: string): string {
	return pickText(locale, text.my, text.en);
}

/** The same, for a row's two columns (e.g. `title_my`, `title_en`). */
export function pickText(locale: string, my: string, en: string): string {
	return locale === 'my' ? my || en : en || my;
}

/** A wait in whole hours (at least 1), in the reader's digits: ၅ in Burmese, 5 in English. */
export function formatHours(ms: number, locale: string): string {
	return new Intl.NumberFormat(locale === 'my' ? 'my' : 'en').format(
		Math.max(1, Math.ceil(ms / 3_600_000))
	);
}
