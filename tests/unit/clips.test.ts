import { describe, expect, it } from 'vitest';
import { CLIP_MAX_BYTES, checkClip, processClip } from '$lib/server/media/clips';
import { readOggPackets } from '$lib/server/media/ogg';
import {
	oggFile,
	oggOpus,
	opusHead,
	opusPacket,
	opusTags,
	packetsFor,
	webmOpus,
	webmTag
} from '../helpers/clips';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

async function kept(input: Uint8Array) {
	const result = await checkClip(input);
	if (!result.ok) throw new Error(`refused: ${result.error}`);
	return result;
}

async function refusal(input: Uint8Array) {
	const result = await checkClip(input);
	return result.ok ? 'kept' : result.error;
}

describe('checkClip keeps Opus in Ogg or WebM as one clean Ogg Opus stream', () => {
	it('keeps an Ogg Opus clip, its packets and its length', async () => {
		const packets = packetsFor(3);
		const out = await kept(oggFile([opusHead(), opusTags()], packets));
		// 150 packets of 20 ms, less the 312 samples of pre-skip
		expect(out.durationMs).toBe(Math.round(((150 * 960 - 312) * 1000) / 48000));
		const read = readOggPackets(out.ogg)!;
		expect(read.length).toBe(2 + packets.length);
		expect(latin1(read[0]).startsWith('OpusHead')).toBe(true);
		expect(read.slice(2)).toEqual(packets);
	});

	it('keeps a WebM Opus recording as MediaRecorder writes it (unknown sizes) as Ogg', async () => {
		const packets = packetsFor(2);
		const out = await kept(webmOpus(packets));
		expect(latin1(out.ogg.subarray(0, 4))).toBe('OggS');
		expect(readOggPackets(out.ogg)!.slice(2)).toEqual(packets);
		expect(out.durationMs).toBe(Math.round(((100 * 960 - 312) * 1000) / 48000));
	});

	it('keeps a WebM recording handed over whole (sized), which the second parser reads too', async () => {
		const packets = packetsFor(2);
		const out = await kept(webmOpus(packets, { live: false }));
		expect(readOggPackets(out.ogg)!.slice(2)).toEqual(packets);
	});

	it('drops every tag: Ogg comments, the vendor, and WebM Tags', async () => {
		const secret = 'GPS=16.78,96.15 ARTIST=Ko Aung';
		const ogg = await kept(oggOpus(2, [secret, 'ENCODER=Pixel 6 Recorder']));
		expect(latin1(ogg.ogg)).not.toContain('Ko Aung');
		expect(latin1(ogg.ogg)).not.toContain('Pixel');
		expect(latin1(ogg.ogg)).not.toContain('libopus');
		const tags = readOggPackets(ogg.ogg)![1];
		expect(latin1(tags)).toBe('OpusTags' + '\0'.repeat(8));

		const webm = await kept(
			webmOpus(packetsFor(1), { tags: [webmTag('TITLE', 'Ko Aung at home')] })
		);
		expect(latin1(webm.ogg)).not.toContain('Ko Aung');
	});

	it('takes out the padding of a packet, where any bytes could hide', async () => {
		const hidden = Buffer.from('Ko Aung, Hpa-an, 09-123456789');
		// code 3, one 20 ms frame, padding flag, padding length, frame, then the padding
		const padded = Buffer.concat([
			Buffer.from([0xfb, 0x41, hidden.length]),
			Buffer.from(opusPacket(30).subarray(1)),
			hidden
		]);
		const out = await kept(oggFile([opusHead(), opusTags()], [padded, ...packetsFor(1)]));
		expect(latin1(out.ogg)).not.toContain('Ko Aung');
		const first = readOggPackets(out.ogg)![2];
		expect([...first.subarray(0, 2)]).toEqual([0xfb, 0x01]);
		expect(first.length).toBe(2 + 29);
	});

	it('writes the same clip the same way, whatever the upload carried', async () => {
		const a = await kept(oggOpus(1, ['TITLE=one']));
		const b = await kept(webmOpus(packetsFor(1), { tags: [webmTag('TITLE', 'two')] }));
		expect(Buffer.from(a.ogg).equals(Buffer.from(b.ogg))).toBe(true);
	});
});

describe('checkClip refuses, saying why', () => {
	it('refuses what is not a sound file at all', async () => {
		expect(await refusal(new Uint8Array())).toBe('empty');
		expect(await refusal(Buffer.from('ID3\x04\0\0\0\0\0\0 an mp3 named clip.ogg'))).toBe(
			'not_audio'
		);
		expect(await refusal(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBe('not_audio');
		expect(await refusal(Buffer.from('<svg onload="alert(1)">'))).toBe('not_audio');
	});

	it('refuses a file cut short, at any point', async () => {
		for (const file of [oggOpus(2), webmOpus(packetsFor(2))]) {
			for (const cut of [10, 40, Math.floor(file.length / 2), file.length - 3]) {
				expect(await refusal(file.subarray(0, cut)), `cut at ${cut} of ${file.length}`).not.toBe(
					'kept'
				);
			}
		}
		// Cut exactly between Ogg pages: the stream was never closed.
		const whole = oggOpus(2);
		const lastPage = latin1(whole).lastIndexOf('OggS');
		expect(await refusal(whole.subarray(0, lastPage))).toBe('unreadable');
	});

	it('refuses a damaged page (its checksum)', async () => {
		const file = oggOpus(2);
		file[file.length - 5] ^= 0xff;
		expect(await refusal(file)).toBe('unreadable');
	});

	it('refuses another codec behind a right container', async () => {
		const vorbis = Buffer.concat([Buffer.from([1]), Buffer.from('vorbis'), Buffer.alloc(23)]);
		expect(await refusal(oggFile([vorbis, opusTags()], packetsFor(1)))).toBe('unsupported_codec');
		const flac = Buffer.from('\x7fFLAC\x01\x00\x00\x01fLaC');
		expect(await refusal(oggFile([flac], packetsFor(1)))).toBe('unsupported_codec');
		expect(await refusal(webmOpus(packetsFor(1), { codec: 'A_VORBIS' }))).toBe('unsupported_codec');
		expect(await refusal(webmOpus(packetsFor(1), { codec: 'A_AAC' }))).toBe('unsupported_codec');
		// Surround (mapping family 1) is not what a phone records.
		expect(await refusal(oggFile([opusHead(6, 1), opusTags()], packetsFor(1)))).toBe(
			'unsupported_codec'
		);
		// A Matroska file is not WebM.
		expect(await refusal(webmOpus(packetsFor(1), { docType: 'matroska' }))).toBe('not_audio');
	});

	it('refuses packets that are not Opus framing', async () => {
		// code 3 with zero frames
		expect(
			await refusal(
				oggFile([opusHead(), opusTags()], [Buffer.from([0xfb, 0x00]), ...packetsFor(1)])
			)
		).toBe('unreadable');
		// code 1 (two equal frames) with an odd number of bytes
		expect(await refusal(oggFile([opusHead(), opusTags()], [Buffer.from([0xf9, 1, 2, 3])]))).toBe(
			'unreadable'
		);
	});

	it('refuses a clip over 150 KB, and one over 60 seconds', async () => {
		const big = oggFile([opusHead(), opusTags()], packetsFor(50, 1200));
		expect(big.length).toBeGreaterThan(CLIP_MAX_BYTES);
		expect(await refusal(big)).toBe('too_large');
		expect(await refusal(oggFile([opusHead(), opusTags()], packetsFor(61, 20)))).toBe('too_long');
		expect(await refusal(webmOpus(packetsFor(61, 10)))).toBe('too_long');
		expect(await refusal(oggFile([opusHead(), opusTags()], packetsFor(59, 20)))).toBe('kept');
		// One packet claiming 48 frames of 60 ms (far past the 120 ms an Opus packet may hold).
		const liar = Buffer.from([0x1b, 48, ...new Array(40).fill(0)]);
		expect(await refusal(oggFile([opusHead(), opusTags()], [liar]))).toBe('unreadable');
	});

	it('refuses hostile metadata: tag lengths past their end, or more tags than bytes', async () => {
		const lying = opusTags(['TITLE=x']);
		new DataView(lying.buffer).setUint32(8, 0xfffffff0, true);
		expect(await refusal(oggFile([opusHead(), lying], packetsFor(1)))).toBe('bad_metadata');
		const many = opusTags([], '');
		new DataView(many.buffer).setUint32(12, 0xffffffff, true);
		expect(await refusal(oggFile([opusHead(), many], packetsFor(1)))).toBe('bad_metadata');
		const comment = opusTags(['TITLE=x'], '');
		new DataView(comment.buffer).setUint32(16, 1_000_000, true);
		expect(await refusal(oggFile([opusHead(), comment], packetsFor(1)))).toBe('bad_metadata');
		// A WebM Tags element whose size runs past the file.
		const tag = webmTag('TITLE', 'x');
		tag[4] = 0x01;
		tag[5] = 0x7f;
		expect(await refusal(webmOpus(packetsFor(1), { tags: [tag] }))).toBe('unreadable');
	});

	it('refuses a second stream mixed into the Ogg file, and anything after its end', async () => {
		const one = oggOpus(1);
		const other = oggFile([opusHead(), opusTags()], packetsFor(1), { serial: 99 });
		expect(await refusal(Buffer.concat([one, other]))).toBe('unreadable');
		expect(await refusal(Buffer.concat([one, Buffer.from('trailing bytes')]))).toBe('unreadable');
	});

	it('refuses a clip with no sound in it', async () => {
		expect(await refusal(oggFile([opusHead(), opusTags()], [opusPacket()]))).toBe('kept');
		expect(await refusal(webmOpus([]))).toBe('empty');
		expect(await refusal(webmOpus(packetsFor(1), { head: null }))).toBe('unreadable');
	});

	it('refuses what the parser here would keep but the second parser, reading WebM as a tree, cannot', async () => {
		// The track entry's size cut short by its Audio element (36 bytes: 48 kHz, one channel),
		// which then stands outside the track: the parser here never reads that element, and
		// would keep the frames; music-metadata finds a track with no audio settings.
		const file = webmOpus(packetsFor(1), { live: false });
		const entry = file.findIndex((b, i) => b === 0xae && file[i + 1] === 0x01);
		expect(file[entry + 8]).toBe(100);
		file[entry + 8] = 100 - 36;
		expect(processClip(file).ok).toBe(true);
		expect(await refusal(file)).toBe('unreadable');
	});
});
