export { launchChromium } from '../tests/helpers/chromium';

export { startApp, type App } from '../tests/helpers/app';

export function kb(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KB`;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}
