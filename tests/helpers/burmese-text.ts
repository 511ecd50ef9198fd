/**
 * What a Burmese page must not show: ASCII digits (Burmese uses ၀-၉) and English month names,
 * whole or short, or "M12", which a browser with no Burmese calendar data prints for December.
 */
export const ENGLISH_MONTH =
	/\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?|M1[0-2]|M[1-9])\b/i;

/** Whether a text meant for Burmese readers shows an ASCII digit or an English month. */
export const readsForeign = (text: string) => /[0-9]/.test(text) || ENGLISH_MONTH.test(text);
