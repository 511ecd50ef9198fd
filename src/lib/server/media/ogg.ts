/**
 * Ogg pages (RFC 3533): read strictly (every page's checksum, one logical stream, no page
 * missing, the stream closed by its last page) and written afresh for a clip kept.
 */

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let i = 0; i < 256; i++) {
		let r = i << 24;
		for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
		table[i] = r >>> 0;
	}
	return table;
})();

/** Ogg's CRC-32 (polynomial 0x04c11db7, not reflected, starting at 0). */
export function oggCrc(bytes: Uint8Array): number {
	let crc = 0;
	for (const byte of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
	return crc;
}

const CAPTURE = [0x4f, 0x67, 0x67, 0x53]; // "OggS"

/** True when the bytes start like an Ogg page. */
export function looksLikeOgg(bytes: Uint8Array): boolean {
	return CAPTURE.every((b, i) => bytes[i] === b);
}

/**
 * The packets of a file holding one logical Ogg stream, or null when any page is damaged or
 * missing, another stream is mixed in, a packet is cut off, or anything follows the last page.
 */
export function readOggPackets(bytes: Uint8Array): Uint8Array[] | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const packets: Uint8Array[] = [];
	let pending: Uint8Array[] = [];
	let at = 0;
	let serial: number | null = null;
	let sequence = 0;
	let ended = false;
	while (at < bytes.length) {
		if (ended || at + 27 > bytes.length || !looksLikeOgg(bytes.subarray(at))) return null;
		const flags = bytes[at + 5];
		if (bytes[at + 4] !== 0 || flags & ~0x07) return null;
		const pageSerial = view.getUint32(at + 14, true);
		if (serial === null) {
			if (!(flags & 0x02)) return null;
			serial = pageSerial;
		} else if (pageSerial !== serial || flags & 0x02) return null;
		if (view.getUint32(at + 18, true) !== sequence++) return null;
		const segments = bytes[at + 26];
		const tableEnd = at + 27 + segments;
		if (tableEnd > bytes.length) return null;
		const lacing = bytes.subarray(at + 27, tableEnd);
		const bodyLength = lacing.reduce((sum, n) => sum + n, 0);
		const end = tableEnd + bodyLength;
		if (end > bytes.length) return null;
		const page = bytes.slice(at, end);
		const stated = view.getUint32(at + 22, true);
		page.fill(0, 22, 26);
		if (oggCrc(page) !== stated) return null;
		// A page that continues a packet must follow one left open, and only such a page may.
		if (Boolean(flags & 0x01) !== pending.length > 0) return null;
		let bodyAt = tableEnd;
		for (const n of lacing) {
			pending.push(bytes.subarray(bodyAt, bodyAt + n));
			bodyAt += n;
			if (n < 255) {
				packets.push(concat(pending));
				pending = [];
			}
		}
		ended = Boolean(flags & 0x04);
		at = end;
	}
	return ended && pending.length === 0 ? packets : null;
}

function concat(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
	let at = 0;
	for (const part of parts) {
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/** A packet and the stream's granule position once it is decoded. */
export interface OggPacket {
	data: Uint8Array;
	granule: number;
}

function page(
	serial: number,
	sequence: number,
	flags: number,
	granule: number,
	packets: Uint8Array[]
): Uint8Array {
	const lacing: number[] = [];
	for (const p of packets) {
		for (let left = p.length; ; left -= 255) {
			lacing.push(Math.min(left, 255));
			if (left < 255) break;
		}
	}
	const bodyLength = packets.reduce((sum, p) => sum + p.length, 0);
	const out = new Uint8Array(27 + lacing.length + bodyLength);
	const view = new DataView(out.buffer);
	out.set(CAPTURE);
	out[5] = flags;
	view.setBigUint64(6, BigInt(granule), true);
	view.setUint32(14, serial, true);
	view.setUint32(18, sequence, true);
	out[26] = lacing.length;
	out.set(lacing, 27);
	let at = 27 + lacing.length;
	for (const p of packets) {
		out.set(p, at);
		at += p.length;
	}
	view.setUint32(22, oggCrc(out), true);
	return out;
}

/** Lacing values a packet takes: one per 255 bytes, and one more ending it. */
const lacingOf = (p: Uint8Array) => Math.floor(p.length / 255) + 1;

/**
 * One logical stream: each header packet on its own page (as RFC 7845 asks), then the audio
 * packets packed into pages of at most 255 lacing values; the last page ends the stream. No
 * packet is split across pages (an Opus packet is well under 255 x 255 bytes; larger is refused).
 */
export function writeOggStream(
	serial: number,
	headers: Uint8Array[],
	audio: OggPacket[]
): Uint8Array | null {
	if (audio.some((p) => lacingOf(p.data) > 255)) return null;
	const pages: Uint8Array[] = [];
	let sequence = 0;
	for (const [i, header] of headers.entries())
		pages.push(page(serial, sequence++, i === 0 ? 0x02 : 0, 0, [header]));
	let group: OggPacket[] = [];
	let used = 0;
	const flush = (last: boolean) => {
		const granule = group[group.length - 1].granule;
		pages.push(
			page(
				serial,
				sequence++,
				last ? 0x04 : 0,
				granule,
				group.map((p) => p.data)
			)
		);
		group = [];
		used = 0;
	};
	for (const packet of audio) {
		if (used + lacingOf(packet.data) > 255) flush(false);
		group.push(packet);
		used += lacingOf(packet.data);
	}
	if (group.length) flush(true);
	return concat(pages);
}
