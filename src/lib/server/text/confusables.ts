/**
 * Look-alike names, after Unicode's UTS #39 "skeleton": two names whose skeletons are equal look
 * the same to a reader ("Org X Relief" and "Org X Rеlief" with a Cyrillic е). Administrators are
 * warned when a new organization's name looks like another's, so a copy cannot pass for a vetted
 * organization on learners' screens.
 *
 * Unicode's full table (confusables.txt, over 6,000 entries) is more than Lanpya needs: names
 * here are written in Latin or Myanmar letters, and the look-alikes that matter are the Cyrillic
 * and Greek letters that pass for Latin ones, digits that pass for letters, letter pairs that pass
 * for one (rn, m), and the two Myanmar digits that pass for letters (၀ for ဝ, ၇ for ရ). This
 * small table keeps those, taken from confusables.txt, and is kept here: a server module, so no
 * phone ever downloads it.
 *
 * A skeleton also ignores what a reader skims over in a name: letter case, one Unicode form for
 * another (NFKC: fullwidth letters, ligatures), format characters (zero-width, bidi controls),
 * and spaces and punctuation. It is broader than UTS #39's, on purpose: it only raises a warning.
 */

/** Characters that look like a Latin letter or a Myanmar letter, each with the one it passes for. */
const LOOKS_LIKE: Record<string, string> = {
	// Cyrillic
	а: 'a',
	в: 'b',
	е: 'e',
	ё: 'e',
	һ: 'h',
	і: 'i',
	ї: 'i',
	ј: 'j',
	к: 'k',
	м: 'm',
	н: 'h',
	о: 'o',
	п: 'n',
	р: 'p',
	с: 'c',
	т: 't',
	у: 'y',
	х: 'x',
	ѕ: 's',
	ԁ: 'd',
	ԛ: 'q',
	ԝ: 'w',
	ӏ: 'i',
	ү: 'y',
	ҽ: 'e',
	ɡ: 'g',
	// Greek
	α: 'a',
	β: 'b',
	γ: 'y',
	ε: 'e',
	η: 'n',
	ι: 'i',
	κ: 'k',
	ν: 'v',
	ο: 'o',
	ρ: 'p',
	σ: 'o',
	τ: 't',
	υ: 'u',
	χ: 'x',
	ω: 'w',
	// Letters and digits that pass for others: after lower case, I, l and 1 all read as i
	ı: 'i',
	ɩ: 'i',
	l: 'i',
	ł: 'i',
	'1': 'i',
	ø: 'o',
	'0': 'o',
	'5': 's',
	'8': 'b',
	// Myanmar digits that pass for letters
	'၀': 'ဝ',
	'၇': 'ရ'
};

/** Letter pairs read as one letter (confusables.txt: "rn" for "m", "vv" for "w", "cl" for "d"). */
const PAIRS: [RegExp, string][] = [
	[/rn/g, 'm'],
	[/vv/g, 'w'],
	[/cl/g, 'd']
];

const SKIMMED = /[\p{Cf}\p{Z}\p{P}\p{S}]/gu;

/** The form two names share when a reader would take one for the other. */
export function skeleton(name: string): string {
	const folded = name.normalize('NFKC').toLowerCase().replace(SKIMMED, '');
	let mapped = '';
	for (const char of folded.normalize('NFD')) mapped += LOOKS_LIKE[char] ?? char;
	for (const [pair, one] of PAIRS) mapped = mapped.replace(pair, one);
	return mapped.normalize('NFC');
}

/** Whether a reader could take one name for the other. */
export function confusable(a: string, b: string): boolean {
	return skeleton(a) === skeleton(b);
}
