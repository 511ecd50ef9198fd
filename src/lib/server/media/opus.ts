/**
 * Opus as RFC 6716 (packets) and RFC 7845 (the identification header) define it: only what a
 * clip needs checked without decoding it: the header's fields, each packet's duration from its
 * table-of-contents byte, and a packet's padding taken out (padding is free bytes a file could
 * carry anything in).
 */

/** Opus always decodes at 48 kHz: durations are counted in these samples. */
export const OPUS_RATE = 48_000;

export interface OpusHead {
	channels: number;
	preSkip: number;
	/** Playback gain in Q7.8 dB, kept: it sets how loud the clip plays. */
	gain: number;
}

const text = (bytes: Uint8Array, start: number, end: number) =>
	String.fromCharCode(...bytes.subarray(start, end));

/** True when the packet starts with the given 8-byte magic (OpusHead, OpusTags...). */
export function hasMagic(packet: Uint8Array, magic: string): boolean {
	return packet.length >= magic.length && text(packet, 0, magic.length) === magic;
}

/**
 * Reads an identification header: version 0.x, mono or stereo with mapping family 0 (what phones
 * record), exactly 19 bytes. Anything else is null.
 */
export function readOpusHead(packet: Uint8Array): OpusHead | null {
	if (packet.length !== 19 || !hasMagic(packet, 'OpusHead')) return null;
	const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
	const version = packet[8];
	const channels = packet[9];
	const family = packet[18];
	if (version >> 4 !== 0 || family !== 0 || channels < 1 || channels > 2) return null;
	return { channels, preSkip: view.getUint16(10, true), gain: view.getInt16(16, true) };
}

/** A fresh identification header: nothing from the upload but channels, pre-skip and gain. */
export function writeOpusHead(head: OpusHead): Uint8Array {
	const bytes = new Uint8Array(19);
	const view = new DataView(bytes.buffer);
	bytes.set([...'OpusHead'].map((c) => c.charCodeAt(0)));
	bytes[8] = 1;
	bytes[9] = head.channels;
	view.setUint16(10, head.preSkip, true);
	view.setUint32(12, OPUS_RATE, true);
	view.setInt16(16, head.gain, true);
	bytes[18] = 0;
	return bytes;
}

/** An empty comment header: no vendor, no tags. */
export function writeOpusTags(): Uint8Array {
	const bytes = new Uint8Array(16);
	bytes.set([...'OpusTags'].map((c) => c.charCodeAt(0)));
	return bytes;
}

/**
 * Checks a comment header's own lengths, which a hostile file sets past its end (or to billions
 * of comments); its contents are never kept.
 */
export function opusTagsWellFormed(packet: Uint8Array): boolean {
	if (!hasMagic(packet, 'OpusTags') || packet.length < 16) return false;
	const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
	let at = 8;
	const vendor = view.getUint32(at, true);
	at += 4 + vendor;
	if (at + 4 > packet.length) return false;
	const count = view.getUint32(at, true);
	at += 4;
	// Each comment takes at least its 4-byte length: a count the packet cannot hold is a lie.
	if (count > (packet.length - at) / 4) return false;
	for (let i = 0; i < count; i++) {
		if (at + 4 > packet.length) return false;
		at += 4 + view.getUint32(at, true);
		if (at > packet.length) return false;
	}
	return true;
}

/** Samples per frame (at 48 kHz) for each of the 32 configurations of the TOC byte. */
function frameSamples(config: number): number {
	if (config < 12) return [480, 960, 1920, 2880][config % 4];
	if (config < 16) return [480, 960][config % 2];
	return [120, 240, 480, 960][config % 4];
}

/** An Opus packet holds at most 120 ms (RFC 6716 section 3.2.5). */
const MAX_PACKET_SAMPLES = 5760;

/**
 * The packet's duration in 48 kHz samples, with its padding taken out, or null when its framing
 * is not Opus (RFC 6716 section 3.2: codes 0 to 3, their lengths and frame counts).
 */
export function readOpusPacket(packet: Uint8Array): { samples: number; packet: Uint8Array } | null {
	if (packet.length < 1) return null;
	const toc = packet[0];
	const size = frameSamples(toc >> 3);
	const code = toc & 3;
	if (code === 0) return { samples: size, packet };
	if (code === 1) return (packet.length - 1) % 2 === 0 ? { samples: 2 * size, packet } : null;
	if (code === 2) {
		if (packet.length < 2) return null;
		const first = packet[1] < 252 ? packet[1] : packet[1] + 4 * (packet[2] ?? -1e6);
		const lengthBytes = packet[1] < 252 ? 1 : 2;
		return first >= 0 && 1 + lengthBytes + first <= packet.length
			? { samples: 2 * size, packet }
			: null;
	}
	if (packet.length < 2) return null;
	const count = packet[1] & 0x3f;
	if (count === 0 || count * size > MAX_PACKET_SAMPLES) return null;
	if (!(packet[1] & 0x40)) return { samples: count * size, packet };
	let at = 2;
	let padding = 0;
	for (;;) {
		if (at >= packet.length) return null;
		const value = packet[at++];
		padding += value === 255 ? 254 : value;
		if (value !== 255) break;
	}
	const end = packet.length - padding;
	if (end < at) return null;
	const stripped = new Uint8Array(2 + end - at);
	stripped[0] = toc;
	stripped[1] = packet[1] & ~0x40;
	stripped.set(packet.subarray(at, end), 2);
	return { samples: count * size, packet: stripped };
}
