import MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';
import { destination, leavingHref } from '../../leaving';

export interface RenderOptions {
	/**
	 * Maps an image src as written in the Markdown (e.g. "../images/cpr.svg"; markdown-it has
	 * already percent-encoded anything unusual) to a same-origin URL path such as
	 * "/media/courses/first-aid-basics/cpr.svg", or null to drop the image (its alt text stays as
	 * plain text). Only relative or path-absolute srcs are passed in; srcs with a scheme or
	 * starting with "//" are dropped without asking. The result must be a percent-encoded path
	 * starting with a single "/", or the image is dropped.
	 */
	resolveImage?: (src: string) => string | null;
	/**
	 * Like `resolveImage`, for sound clips written as images ("![what is said](audio/x.ogg)"):
	 * a same-origin path makes the image a clip to play, never loaded before the learner asks.
	 * Asked first; null leaves the src to `resolveImage`.
	 */
	resolveClip?: (src: string) => string | null;
}

// A type alias, not an interface, so it fits markdown-it's index-signature Env type.
type Env = {
	resolveImage?: RenderOptions['resolveImage'];
	resolveClip?: RenderOptions['resolveClip'];
};

/**
 * Browsers drop tabs/newlines anywhere in a URL, strip leading/trailing C0 controls and spaces,
 * and read "\" as "/", so "/\tevil" or "/\\evil" would become protocol-relative. markdown-it
 * percent-encodes all of these, so any that are left mean the URL did not come through it.
 */
const UNSAFE_URL_CHARS = /[\x00-\x20\x7f\\]/;

/** A path on this site: starts with exactly one "/". */
function isLocalPath(url: string): boolean {
	return url.startsWith('/') && !url.startsWith('//') && !UNSAFE_URL_CHARS.test(url);
}

/**
 * Where a link may point, or null if the href is not allowed at all. A link that leaves Lanpya
 * (http(s), mailto) points at Lanpya's own "you are leaving" page (src/lib/leaving.ts), which
 * names the address and goes there only when the person taps; paths on this site and "#" stay.
 */
function linkHref(href: string): string | null {
	if (UNSAFE_URL_CHARS.test(href)) return null;
	if (/^(https?:\/\/|mailto:)/i.test(href)) return destination(href) ? leavingHref(href) : null;
	if (href.startsWith('#') || isLocalPath(href)) return href;
	return null;
}

function textToken(state: StateCore, content: string): Token {
	const token = new state.Token('text', '', 0);
	token.content = content;
	return token;
}

/** Allowlists link hrefs and image srcs; anything refused is replaced by its text. */
function sanitizeInline(state: StateCore, children: Token[]): Token[] {
	const env = state.env as Env;
	const out: Token[] = [];
	let droppingLink = false; // links never nest in markdown-it, so a flag pairs open and close
	for (const token of children) {
		if (token.type === 'link_open') {
			const href = linkHref(String(token.attrGet('href') ?? ''));
			if (href === null) {
				droppingLink = true;
				continue;
			}
			const title = token.attrGet('title');
			token.attrs = [['href', href]];
			if (title) token.attrs.push(['title', String(title)]);
		} else if (token.type === 'link_close' && droppingLink) {
			droppingLink = false;
			continue;
		} else if (token.type === 'image') {
			const src = String(token.attrGet('src') ?? '');
			const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//');
			const clip = !hasScheme && env.resolveClip ? env.resolveClip(src) : null;
			if (clip !== null && isLocalPath(clip)) {
				token.type = 'audio_clip';
				token.attrs = [['src', clip]];
				out.push(token);
				continue;
			}
			const resolved = !hasScheme && env.resolveImage ? env.resolveImage(src) : null;
			if (resolved === null || !isLocalPath(resolved)) {
				const alt = state.md.renderer.renderInlineAsText(
					token.children ?? [],
					state.md.options,
					env
				);
				out.push(textToken(state, alt));
				continue;
			}
			const title = token.attrGet('title');
			// The image renderer fills alt from the children; it needs the attribute to exist.
			token.attrs = [
				['src', resolved],
				['alt', '']
			];
			if (title) token.attrs.push(['title', String(title)]);
			token.attrs.push(['loading', 'lazy'], ['decoding', 'async']);
		}
		out.push(token);
	}
	return out;
}

/** Lessons get the page's h2 as their top heading level, whatever level the author started at. */
function shiftHeadings(tokens: Token[]): void {
	const levels = tokens.filter((t) => t.type === 'heading_open').map((t) => Number(t.tag.slice(1)));
	if (levels.length === 0) return;
	const shift = 2 - Math.min(...levels);
	for (const token of tokens) {
		if (token.type !== 'heading_open' && token.type !== 'heading_close') continue;
		token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + shift)}`;
	}
}

/** Drops style (e.g. table column alignment) and event-handler attributes from every token. */
function stripAttributes(tokens: Token[]): void {
	for (const token of tokens) {
		if (token.attrs) token.attrs = token.attrs.filter(([name]) => !/^(style$|on)/i.test(name));
		if (token.children) stripAttributes(token.children);
	}
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// Accept every URL while parsing so a refused link degrades to its text ("x"), not to the
// literal Markdown "[x](javascript:...)"; sanitizeInline enforces the real allowlist.
md.validateLink = () => true;

md.core.ruler.push('lanpya_sanitize', (state) => {
	for (const token of state.tokens) {
		if (token.type === 'inline' && token.children)
			token.children = sanitizeInline(state, token.children);
	}
	shiftHeadings(state.tokens);
	stripAttributes(state.tokens);
});

// html: false never produces these tokens; escape them anyway in case that ever changes.
md.renderer.rules.html_block = md.renderer.rules.html_inline = (tokens, idx) =>
	md.utils.escapeHtml(tokens[idx].content);

// A clip: the browser's own player, which works without script and fetches nothing before the
// learner plays it (preload="none"); the page's script gives it a large labelled button
// (src/lib/clip-player.ts), and data saver turns it into a link to tap (`clipsOnTap`).
md.renderer.rules.audio_clip = (tokens, idx, options, env) => {
	const token = tokens[idx];
	const label = md.renderer.renderInlineAsText(token.children ?? [], options, env);
	const src = md.utils.escapeHtml(String(token.attrGet('src')));
	return (
		`<span class="clip"><audio controls preload="none" src="${src}"></audio>` +
		(label ? ` <span class="clip-label">${md.utils.escapeHtml(label)}</span>` : '') +
		'</span>'
	);
};

/** Renders lesson Markdown to HTML that is safe to insert with {@html}. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
	const env: Env = { resolveImage: options.resolveImage, resolveClip: options.resolveClip };
	return md.render(source, env);
}
