import net from 'node:net';

export { launchChromium } from '../tests/helpers/chromium';

export { databaseEnv, startApp, type App } from '../tests/helpers/app';

export { createDatabase } from '../tests/helpers/postgres-server';

export function kb(bytes: number): string {
	return `${(bytes / 1024).toFixed(1)} KB`;
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Bytes counted by a proxy, each way. */
export interface Counted {
	down: number;
	up: number;
	/** Each request seen (method and path) and the bytes that came back on its connection after it. */
	responses: { request: string; down: number }[];
}

export interface CountingProxy {
	url: string;
	port: number;
	/** What has crossed since the last reset, as it stands now. */
	counted: () => Counted;
	reset: () => void;
	close: () => void;
}

/**
 * A TCP proxy in front of the app that counts every byte each way, as a phone's data plan does
 * (HTTP headers and bodies, the service worker's requests included; TCP/IP and TLS overhead are
 * not there on loopback and are left out). Listens on `port` (0: any).
 */
export async function countingProxy(target: URL, port = 0): Promise<CountingProxy> {
	let counted: Counted = { down: 0, up: 0, responses: [] };
	const server = net.createServer((client) => {
		const upstream = net.connect(Number(target.port), target.hostname);
		// HTTP/1.1: a connection's answers come in the order of its requests.
		let current: { request: string; down: number } | null = null;
		client.on('data', (chunk: Buffer) => {
			counted.up += chunk.length;
			for (const [, method, path] of chunk
				.toString('latin1')
				.matchAll(/(?:^|\r\n)(GET|POST|HEAD) (\S+) HTTP\//g)) {
				current = { request: `${method} ${path}`, down: 0 };
				counted.responses.push(current);
			}
		});
		upstream.on('data', (chunk: Buffer) => {
			counted.down += chunk.length;
			if (current) current.down += chunk.length;
		});
		client.pipe(upstream).on('error', () => client.destroy());
		upstream.pipe(client).on('error', () => upstream.destroy());
		client.on('error', () => upstream.destroy());
		upstream.on('error', () => client.destroy());
	});
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
	const address = server.address() as net.AddressInfo;
	return {
		url: `http://127.0.0.1:${address.port}`,
		port: address.port,
		// A copy: what crosses later is not added to it.
		counted: () => ({ ...counted, responses: counted.responses.map((r) => ({ ...r })) }),
		reset: () => (counted = { down: 0, up: 0, responses: [] }),
		close: () => server.close()
	};
}

/** Waits until nothing has crossed the proxy for `ms` milliseconds. */
export async function quiet(proxy: CountingProxy, ms: number): Promise<void> {
	for (let last = -1; ;) {
		const now = proxy.counted().down + proxy.counted().up;
		if (now === last) return;
		last = now;
		await new Promise((resolve) => setTimeout(resolve, ms));
	}
}
