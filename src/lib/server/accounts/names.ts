/**
 * Names nobody could guess, suggested at sign-up: two everyday words and a number, drawn at
 * random on the server, in the script of the page's language. A name a person picks for
 * themselves (a nickname, a unit, a village) is one an informer with a list could try at
 * sign-up, which must say when a name is taken; a drawn one is on nobody's list. The words are
 * plain things of daily life: nothing about the military, politics, places, peoples or persons.
 * The server never looks the name up, so a suggestion says nothing about which names exist;
 * with 60 × 60 × 900 (about 3 million) names, one already taken is unlikely, and sign-up then
 * asks for another as for any name.
 */
import { randomInt } from 'node:crypto';
import type { Locale } from '../schema';

/** Each word in English and in Burmese. */
const WORDS: readonly (readonly [en: string, my: string])[] = [
	['moon', 'လ'],
	['star', 'ကြယ်'],
	['river', 'မြစ်'],
	['rain', 'မိုး'],
	['cloud', 'တိမ်'],
	['mango', 'သရက်'],
	['rice', 'ဆန်'],
	['tea', 'လက်ဖက်'],
	['bamboo', 'ဝါး'],
	['lotus', 'ကြာ'],
	['bird', 'ငှက်'],
	['flower', 'ပန်း'],
	['tree', 'သစ်ပင်'],
	['hill', 'တောင်ကုန်း'],
	['sea', 'ပင်လယ်'],
	['lake', 'ကန်'],
	['wind', 'လေ'],
	['sun', 'နေ'],
	['grass', 'မြက်'],
	['leaf', 'သစ်ရွက်'],
	['stone', 'ကျောက်'],
	['sand', 'သဲ'],
	['rabbit', 'ယုန်'],
	['butterfly', 'လိပ်ပြာ'],
	['bee', 'ပျား'],
	['cat', 'ကြောင်'],
	['duck', 'ဘဲ'],
	['turtle', 'လိပ်'],
	['frog', 'ဖား'],
	['coconut', 'အုန်း'],
	['banana', 'ငှက်ပျော'],
	['lime', 'သံပုရာ'],
	['bean', 'ပဲ'],
	['pumpkin', 'ဖရုံ'],
	['pearl', 'ပုလဲ'],
	['umbrella', 'ထီး'],
	['candle', 'ဖယောင်းတိုင်'],
	['book', 'စာအုပ်'],
	['pencil', 'ခဲတံ'],
	['spoon', 'ဇွန်း'],
	['cup', 'ခွက်'],
	['pot', 'အိုး'],
	['boat', 'လှေ'],
	['kite', 'စွန်'],
	['lamp', 'မီးအိမ်'],
	['bell', 'ခေါင်းလောင်း'],
	['basket', 'ခြင်း'],
	['mat', 'ဖျာ'],
	['fan', 'ယပ်တောင်'],
	['mirror', 'မှန်'],
	['key', 'သော့'],
	['garden', 'ဥယျာဉ်'],
	['honey', 'ပျားရည်'],
	['salt', 'ဆား'],
	['jasmine', 'စံပယ်'],
	['pineapple', 'နာနတ်'],
	['orange', 'လိမ္မော်'],
	['onion', 'ကြက်သွန်'],
	['peanut', 'မြေပဲ'],
	['owl', 'ဇီးကွက်']
];

const MYANMAR_DIGITS = '၀၁၂၃၄၅၆၇၈၉';

/** A fresh random name such as `river-lamp-482` or `မြစ်-မီးအိမ်-၄၈၂`; never looked up. */
export function suggestName(locale: Locale): string {
	const first = randomInt(WORDS.length);
	let second = randomInt(WORDS.length - 1);
	if (second >= first) second++;
	const number = String(randomInt(100, 1000));
	const script = locale === 'my' ? 1 : 0;
	const digits = locale === 'my' ? number.replace(/\d/g, (d) => MYANMAR_DIGITS[Number(d)]) : number;
	return `${WORDS[first][script]}-${WORDS[second][script]}-${digits}`;
}

/** How many words the list holds (for the test of its size and scripts). */
export const SUGGESTION_WORDS = WORDS;
