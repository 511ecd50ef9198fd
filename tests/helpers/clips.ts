/**
 * Sound clips made in the tests, written here byte by byte and apart from the app's own Ogg
 * writer, so the app's reader is checked against an independent writer. There is no Opus
 * encoder: the packets are real Opus framing (a TOC byte for a 20 ms CELT frame, mono, one
 * frame) around bytes that decode as noise, which is all the container, codec and duration
 * checks need, and which browsers play.
 */

const crcTable = Array.from({ length: 256 }, (_, i) => {
	let r = i << 24;
	for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
	return r >>> 0;
});

function crc(bytes: Uint8Array): number {
	let c = 0;
	for (const b of bytes) c = ((c << 8) ^ crcTable[((c >>> 24) ^ b) & 0xff]) >>> 0;
	return c;
}

const enc = (s: string) => new TextEncoder().encode(s);

function join(parts: Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

function u32(n: number): Uint8Array {
	const b = new Uint8Array(4);
	new DataView(b.buffer).setUint32(0, n, true);
	return b;
}

/** An OpusHead: mono unless told, 312 samples of pre-skip (libopus's usual). */
export function opusHead(channels = 1, family = 0): Uint8Array {
	const b = new Uint8Array(19);
	const v = new DataView(b.buffer);
	b.set(enc('OpusHead'));
	b[8] = 1;
	b[9] = channels;
	v.setUint16(10, 312, true);
	v.setUint32(12, 48000, true);
	b[18] = family;
	return b;
}

/** An OpusTags with these comments ("KEY=value"). */
export function opusTags(comments: string[] = [], vendor = 'libopus 1.4'): Uint8Array {
	return join([
		enc('OpusTags'),
		u32(enc(vendor).length),
		enc(vendor),
		u32(comments.length),
		...comments.flatMap((c) => [u32(enc(c).length), enc(c)])
	]);
}

/** One 20 ms mono CELT frame (TOC 0xF8: config 31, mono, code 0) of `size` bytes in all. */
export function opusPacket(size = 50, seed = 1): Uint8Array {
	const b = new Uint8Array(size);
	b[0] = 0xf8;
	for (let i = 1; i < size; i++) b[i] = (seed * 31 + i * 17) & 0xff;
	return b;
}

/** `seconds` of 20 ms packets. */
export function packetsFor(seconds: number, size = 50): Uint8Array[] {
	return Array.from({ length: Math.round(seconds * 50) }, (_, i) => opusPacket(size, i));
}

function oggPage(
	flags: number,
	granule: number,
	serial: number,
	seq: number,
	packets: Uint8Array[]
): Uint8Array {
	const lacing: number[] = [];
	for (const p of packets) {
		let left = p.length;
		while (left >= 255) {
			lacing.push(255);
			left -= 255;
		}
		lacing.push(left);
	}
	const head = new Uint8Array(27 + lacing.length);
	const v = new DataView(head.buffer);
	head.set(enc('OggS'));
	head[5] = flags;
	v.setBigUint64(6, BigInt(granule), true);
	v.setUint32(14, serial, true);
	v.setUint32(18, seq, true);
	head[26] = lacing.length;
	head.set(lacing, 27);
	const page = join([head, ...packets]);
	new DataView(page.buffer).setUint32(22, crc(page), true);
	return page;
}

/**
 * An Ogg stream: the given header packets each on a page, then 10 audio packets a page, the
 * last page ending the stream.
 */
export function oggFile(
	headers: Uint8Array[],
	audio: Uint8Array[],
	{ serial = 1234 }: { serial?: number } = {}
): Uint8Array {
	const pages: Uint8Array[] = [];
	let seq = 0;
	headers.forEach((h, i) => pages.push(oggPage(i === 0 ? 2 : 0, 0, serial, seq++, [h])));
	for (let i = 0; i < audio.length; i += 10) {
		const group = audio.slice(i, i + 10);
		const last = i + 10 >= audio.length;
		pages.push(oggPage(last ? 4 : 0, (i + group.length) * 960, serial, seq++, group));
	}
	return join(pages);
}

/** An Ogg Opus clip of `seconds`, with these comments. */
export function oggOpus(seconds = 2, comments: string[] = []): Uint8Array {
	return oggFile([opusHead(), opusTags(comments)], packetsFor(seconds));
}

function float64(value: number): Uint8Array {
	const bytes = new Uint8Array(8);
	new DataView(bytes.buffer).setFloat64(0, value);
	return bytes;
}

/** An EBML element: id bytes, an 8-byte size (or unknown), the body. */
function el(id: number[], body: Uint8Array | Uint8Array[], unknownSize = false): Uint8Array {
	const data = Array.isArray(body) ? join(body) : body;
	const size = new Uint8Array(8);
	if (unknownSize) size.set([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
	else {
		size[0] = 0x01;
		let n = data.length;
		for (let i = 7; i > 0; i--) {
			size[i] = n & 0xff;
			n = Math.floor(n / 256);
		}
	}
	return join([new Uint8Array(id), size, data]);
}

/**
 * A WebM file as MediaRecorder writes it: EBML header, a Segment and Cluster, one audio track,
 * a SimpleBlock per packet. `codec` and `docType` change what it claims. `live`: the Segment
 * and Cluster of unknown size, as a recording handed over in pieces is written; otherwise sized,
 * as Chromium writes a recording handed over whole.
 */
export function webmOpus(
	packets: Uint8Array[] = packetsFor(2),
	{
		codec = 'A_OPUS',
		docType = 'webm',
		head = opusHead(),
		tags = [] as Uint8Array[],
		live = true
	}: {
		codec?: string;
		docType?: string;
		head?: Uint8Array | null;
		tags?: Uint8Array[];
		live?: boolean;
	} = {}
): Uint8Array {
	const header = el([0x1a, 0x45, 0xdf, 0xa3], [el([0x42, 0x82], enc(docType))]);
	const track = el(
		[0xae],
		[
			el([0xd7], new Uint8Array([1])),
			el([0x83], new Uint8Array([2])),
			el([0x86], enc(codec)),
			...(head ? [el([0x63, 0xa2], head)] : []),
			// Audio: SamplingFrequency 48 kHz as a 64-bit float, Channels 1, as Chromium writes them.
			el([0xe1], [el([0xb5], float64(48_000)), el([0x9f], new Uint8Array([1]))])
		]
	);
	const tracks = el([0x16, 0x54, 0xae, 0x6b], [track]);
	const blocks = packets.map((p, i) =>
		el([0xa3], join([new Uint8Array([0x81, 0, (i * 20) & 0xff, 0x80]), p]))
	);
	const cluster = el([0x1f, 0x43, 0xb6, 0x75], [el([0xe7], new Uint8Array([0])), ...blocks], live);
	const segment = el([0x18, 0x53, 0x80, 0x67], [tracks, ...tags, cluster], live);
	return join([header, segment]);
}

/** A WebM Tags element holding one simple tag, the way a recorder or editor writes a title. */
export function webmTag(name: string, value: string): Uint8Array {
	const simple = el([0x67, 0xc8], [el([0x45, 0xa3], enc(name)), el([0x44, 0x87], enc(value))]);
	return el([0x12, 0x54, 0xc3, 0x67], [el([0x73, 0x73], [simple])]);
}
