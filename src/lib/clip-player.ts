/**
 * Sound clips in a lesson's HTML (rendered on the server, src/lib/server/text/markdown.ts),
 * given a large labelled button in the learner's language and a slower speed, one clip playing
 * at a time. Without script the browser's own player stays. With data saver a clip is a link,
 * "tap to load (N KB)": only the tap makes the player and plays, so no byte comes before it.
 */
export interface ClipLabels {
	play: string;
	pause: string;
	slower: string;
}

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

function enhance(audio: HTMLAudioElement, labels: ClipLabels): void {
	if (audio.dataset.player) return;
	audio.dataset.player = 'on';
	audio.controls = false;
	const play = button(`▶ ${labels.play}`, 'clip-play');
	const slower = button(labels.slower, 'secondary clip-slower');
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
		play.textContent = `⏸ ${labels.pause}`;
	});
	const stopped = () => {
		if (playing === audio) playing = null;
		play.textContent = `▶ ${labels.play}`;
	};
	audio.addEventListener('pause', stopped);
	audio.addEventListener('ended', stopped);
}

/** "Tap to load": the link becomes the player, which plays at once. */
function load(link: HTMLAnchorElement, labels: ClipLabels, event: Event): void {
	event.preventDefault();
	const clip = document.createElement('span');
	clip.className = 'clip';
	const audio = document.createElement('audio');
	audio.preload = 'none';
	audio.src = link.getAttribute('href')!;
	clip.append(audio);
	link.replaceWith(clip);
	enhance(audio, labels);
	void audio.play().catch(() => {});
}

/**
 * Svelte action on the element holding lesson HTML; pass the HTML too (`html`), so a new
 * lesson's clips get their buttons when the page changes under the same element.
 */
export function clipPlayer(node: HTMLElement, labels: ClipLabels & { html?: string }) {
	let current = labels;
	const onClick = (event: Event) => {
		const link = (event.target as Element | null)?.closest?.('a.clip-load');
		if (link instanceof HTMLAnchorElement && node.contains(link)) load(link, current, event);
	};
	const scan = () => {
		for (const audio of node.querySelectorAll<HTMLAudioElement>('.clip audio'))
			enhance(audio, current);
	};
	node.addEventListener('click', onClick);
	scan();
	return {
		update(next: ClipLabels & { html?: string }) {
			current = next;
			scan();
		},
		destroy() {
			node.removeEventListener('click', onClick);
			playing?.pause();
		}
	};
}
