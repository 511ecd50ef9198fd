import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, with nothing that would try to reach the network on its own. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run'
];

/** `extraArgs`, e.g. a fake microphone for recording (tests/e2e/audio.test.ts). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [...CHROMIUM_ARGS, ...extraArgs]
	});
}
