/**
 * The Opus track of a WebM file (EBML, as browsers' MediaRecorder writes it): one audio track
 * with codec A_OPUS, its identification header (CodecPrivate) and its frames, in order. Only
 * what a recording needs is read; every other element is stepped over by its stated size, and
 * a size past the end of the file (a cut or lying file) refuses it. MediaRecorder writes the
 * Segment and its Clusters with an unknown size, so these (and the few masters inside them
 * that matter) are read as a flat run of elements rather than as a tree.
 */

export type WebmError = 'not_audio' | 'unsupported_codec' | 'unreadable';
export type WebmOpus =
	| {
			ok: true;
			head: Uint8Array;
			frames: Uint8Array[];
			/** The Segment or a Cluster has an unknown size: a recording written as it was made. */
			live: boolean;
	  }
	| { ok: false; error: WebmError };

const EBML = 0x1a45dfa3;
const DOC_TYPE = 0x4282;
const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
/** Masters read through: Segment, Tracks, TrackEntry, Cluster, BlockGroup. */
const ENTERED = new Set([SEGMENT, 0x1654ae6b, 0xae, CLUSTER, 0xa0]);
const TRACK_ENTRY = 0xae;
const TRACK_NUMBER = 0xd7;
const TRACK_TYPE = 0x83;
const CODEC_ID = 0x86;
const CODEC_PRIVATE = 0x63a2;
const CONTENT_ENCODINGS = 0x6d80;
const SIMPLE_BLOCK = 0xa3;
const BLOCK = 0xa1;

/** True when the bytes start with an EBML header. */
export function looksLikeEbml(bytes: Uint8Array): boolean {
	return bytes.length >= 4 && readId(bytes, 0)?.id === EBML;
}

function readId(bytes: Uint8Array, at: number): { id: number; next: number } | null {
	const first = bytes[at];
	if (first === undefined) return null;
	const length = Math.clz32(first) - 23;
	if (length < 1 || length > 4 || at + length > bytes.length) return null;
	let id = 0;
	for (let i = 0; i < length; i++) id = id * 256 + bytes[at + i];
	return { id, next: at + length };
}

/** An element's size; `null` size means "unknown" (all value bits set). */
function readSize(bytes: Uint8Array, at: number): { size: number | null; next: number } | null {
	const first = bytes[at];
	if (first === undefined) return null;
	const length = Math.clz32(first) - 23;
	if (length < 1 || length > 8 || at + length > bytes.length) return null;
	let size = first & (0xff >> length);
	let allOnes = size === 0xff >> length;
	for (let i = 1; i < length; i++) {
		size = size * 256 + bytes[at + i];
		allOnes &&= bytes[at + i] === 0xff;
	}
	if (allOnes) return { size: null, next: at + length };
	return size <= Number.MAX_SAFE_INTEGER ? { size, next: at + length } : null;
}

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

function uint(bytes: Uint8Array): number {
	let value = 0;
	for (const b of bytes) value = value * 256 + b;
	return value;
}

/** Reads the one Opus audio track of a WebM file. */
export function readWebmOpus(bytes: Uint8Array): WebmOpus {
	const unreadable = { ok: false, error: 'unreadable' } as const;
	let at = 0;
	let docType: string | null = null;
	let tracks = 0;
	let track: { number?: number; type?: number; codec?: string; head?: Uint8Array } = {};
	let encoded = false;
	let live = false;
	const frames: Uint8Array[] = [];
	while (at < bytes.length) {
		const id = readId(bytes, at);
		const size = id && readSize(bytes, id.next);
		if (!id || !size) return unreadable;
		if (at === 0 && id.id !== EBML) return { ok: false, error: 'not_audio' };
		if (ENTERED.has(id.id)) {
			if (size.size === null && id.id !== SEGMENT && id.id !== CLUSTER) return unreadable;
			if (size.size === null) live = true;
			if (size.size !== null && size.next + size.size > bytes.length) return unreadable;
			if (id.id === TRACK_ENTRY) {
				tracks++;
				track = {};
			}
			if (id.id === CLUSTER && tracks !== 1) return { ok: false, error: 'not_audio' };
			if (id.id === CLUSTER && !track.codec) return unreadable;
			at = size.next;
			continue;
		}
		if (size.size === null || size.next + size.size > bytes.length) return unreadable;
		const body = bytes.subarray(size.next, size.next + size.size);
		at = size.next + size.size;
		if (id.id === EBML) {
			docType = readDocType(body);
			if (docType !== 'webm') return { ok: false, error: 'not_audio' };
		} else if (id.id === TRACK_NUMBER) track.number = uint(body);
		else if (id.id === TRACK_TYPE) track.type = uint(body);
		else if (id.id === CODEC_ID) track.codec = ascii(body);
		else if (id.id === CODEC_PRIVATE) track.head = body;
		else if (id.id === CONTENT_ENCODINGS) encoded = true;
		else if (id.id === SIMPLE_BLOCK || id.id === BLOCK) {
			if (tracks !== 1) return unreadable;
			const frame = blockFrame(body, track.number);
			if (!frame) return unreadable;
			frames.push(frame);
		}
	}
	if (docType === null) return unreadable;
	if (tracks !== 1 || track.type !== 2) return { ok: false, error: 'not_audio' };
	// Encoded (compressed or encrypted) frames are not plain Opus packets.
	if (track.codec !== 'A_OPUS' || encoded) return { ok: false, error: 'unsupported_codec' };
	if (!track.head) return unreadable;
	return { ok: true, head: track.head, frames, live };
}

function readDocType(header: Uint8Array): string | null {
	let at = 0;
	while (at < header.length) {
		const id = readId(header, at);
		const size = id && readSize(header, id.next);
		if (!id || !size || size.size === null || size.next + size.size > header.length) return null;
		if (id.id === DOC_TYPE) return ascii(header.subarray(size.next, size.next + size.size));
		at = size.next + size.size;
	}
	return null;
}

/**
 * A block's one frame: its track number, a 16-bit time and flags, then the frame. Laced blocks
 * (several frames in one) are not what browsers record and are refused.
 */
function blockFrame(block: Uint8Array, trackNumber: number | undefined): Uint8Array | null {
	const number = readSize(block, 0);
	if (!number || number.size === null || number.size !== trackNumber) return null;
	const flagsAt = number.next + 2;
	if (flagsAt >= block.length || block[flagsAt] & 0x06) return null;
	return block.subarray(flagsAt + 1);
}
