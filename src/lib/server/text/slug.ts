/** Ids made from what people typed, readable in addresses and in the content files. */
import { SKILL_ID } from '$lib/ids';

/** Lower-case words of `text` joined by dashes, at most `max` characters. */
export function slugify(text: string, max = 40): string {
	return text
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, max)
		.replace(/-+$/, '');
}

/**
 * A skill id from its English name: "Wound dressing" gives `wound_dressing`. Always of the
 * taxonomy's form (a letter first, 2 to 40 characters), so every form that names a skill takes
 * it; empty when the name has no Latin letter or digit.
 */
export function skillIdFrom(name: string): string {
	const words = slugify(name, 40).replace(/-/g, '_');
	if (!words || SKILL_ID.test(words)) return words;
	return `skill_${words}`.slice(0, 40).replace(/_+$/, '');
}
