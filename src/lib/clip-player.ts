/**
 * Sound clips in a lesson's HTML (rendered on the server, src/lib/server/text/markdown.ts),
 * given a large labelled button in the learner's language and a slower speed, one clip playing
 * at a time. Without script the browser's own player stays. With data saver a clip is a link,
 * "tap to load (N KB)": only the tap makes the player and plays, so no byte comes before it.
 * A clip that cannot be had (a course kept on the phone as text only, read offline; a clip
 * gone from the server) says so in place of its button, instead of a button that does nothing.
 */
import * as m from '$lib/paraglide/messages';

/** The speed "slower" plays at: slow enough to hear each tone, fast enough to stay speech. */
const SLOWER = 0.7;

/** The one clip playing on the page; another starting pauses it. */
let playing: HTMLAudioElement | null = null;

function button(text: string, className: string): HTMLButtonElement {
	const b = document.createElement('button');
	b.type = 'button';
	b.className = className;
	b.textContent = text;
	return b;
}

function enhance(audio: HTMLAudioElement): void {
	if (audio.dataset.player) return;
	audio.dataset.player = 'on';
	audio.controls = false;
	const play = button(`▶ ${m.clip_play()}`, 'clip-play');
	const slower = button(m.clip_slower(), 'secondary clip-slower');
	slower.setAttribute('aria-pressed', 'false');
	audio.before(play, slower);
	play.addEventListener('click', () => {
		if (audio.paused) void audio.play().catch(() => {});
		else audio.pause();
	});
	slower.addEventListener('click', () => {
		const on = audio.playbackRate === 1;
		audio.playbackRate = audio.defaultPlaybackRate = on ? SLOWER : 1;
		slower.setAttribute('aria-pressed', String(on));
	});
	audio.addEventListener('play', () => {
		if (playing && playing !== audio) playing.pause();
		playing = audio;
		play.textContent = `⏸ ${m.clip_pause()}`;
	});
	const stopped = () => {
		if (playing === audio) playing = null;
		play.textContent = `▶ ${m.clip_play()}`;
	};
	audio.addEventListener('pause', stopped);
	audio.addEventListener('ended', stopped);
	audio.addEventListener('error', () => {
		stopped();
		const missing = document.createElement('span');
		missing.className = 'clip-missing';
		missing.setAttribute('role', 'status');
		missing.textContent = m.clip_missing();
		play.replaceWith(missing);
		slower.remove();
	});
}

/** "Tap to load": the link becomes the player, which plays at once. */
function load(link: HTMLAnchorElement, event: Event): void {
	event.preventDefault();
	const clip = document.createElement('span');
	clip.className = 'clip';
	const audio = document.createElement('audio');
	audio.preload = 'none';
	audio.src = link.getAttribute('href')!;
	clip.append(audio);
	link.replaceWith(clip);
	enhance(audio);
	void audio.play().catch(() => {});
}

/**
 * Svelte action on the element holding lesson HTML; pass the HTML (`use:clipPlayer={html}`),
 * so a new lesson's clips get their buttons when the page changes under the same element.
 */
export function clipPlayer(node: HTMLElement, _html?: string) {
	const onClick = (event: Event) => {
		const link = (event.target as Element | null)?.closest?.('a.clip-load');
		if (link instanceof HTMLAnchorElement && node.contains(link)) load(link, event);
	};
	const scan = () => {
		for (const audio of node.querySelectorAll<HTMLAudioElement>('.clip audio')) enhance(audio);
	};
	node.addEventListener('click', onClick);
	scan();
	return {
		update: scan,
		destroy() {
			node.removeEventListener('click', onClick);
			playing?.pause();
		}
	};
}
