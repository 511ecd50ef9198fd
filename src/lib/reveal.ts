import type { Action } from 'svelte/action';

/**
 * What the person just did ends in a result (a quiz's score, a finished course): it is the first
 * thing they see, scrolled to the top of the screen (clear of the bar: `[data-reveal]` in
 * app.css) and focused, so a screen reader reads it out. Shown again whenever `key` changes
 * (another attempt at the same quiz).
 */
export const reveal: Action<HTMLElement, unknown> = (node) => {
	const show = () => {
		node.scrollIntoView({ block: 'start' });
		node.focus({ preventScroll: true });
	};
	show();
	return { update: show };
};
