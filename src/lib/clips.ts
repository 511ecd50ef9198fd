/**
 * Sound clips in lessons, for pages and server alike. A minute of speech at 16-24 kbit/s is
 * 120-180 KB; the caps keep a clip a short phrase or paragraph a phone on 2G fetches in seconds.
 */
export const CLIP_MAX_SECONDS = 60;
export const CLIP_MAX_BYTES = 150 * 1024;
/** What the recorder asks of the browser: mono Opus at 20 kbit/s, inside the 16-24 range. */
export const CLIP_RECORD_BITS_PER_SECOND = 20_000;
/** A clip's stored name: generated letters and digits (or a starter file's hyphenated name), ".ogg". */
export const CLIP_NAME = /^[a-z0-9-]+\.ogg$/;

/** How a clip is placed in lesson or question text: like a picture, its words as the label. */
export function clipSnippet(label: string, name: string): string {
	return `![${label}](audio/${name})`;
}

/**
 * Data saver: each clip becomes a link that plays it, "tap to load (N KB)", so nothing of it is
 * fetched before the learner taps. Works on the lesson renderer's own output (attributes
 * escaped already). `label` gives the link's words for a clip's address, with its size.
 */
export function clipsOnTap(html: string, label: (src: string) => string): string {
	return html.replace(
		/<audio controls preload="none" src="([^"]*)"><\/audio>/g,
		(_, src: string) => `<a class="clip-load" href="${src}" data-sveltekit-reload>${label(src)}</a>`
	);
}
