import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { importDocument } from '../../../shared/importers/importDocument.js';
import { decodeTextBytes, decodeWindows1252 } from '../../../shared/importers/textDecoding.js';

const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const concat = (...parts: (Uint8Array | number[])[]): Uint8Array => {
  const all = parts.flatMap((p) => Array.from(p));
  return new Uint8Array(all);
};
function utf16be(s: string): Uint8Array {
  const le = Buffer.from(s, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] as number;
    be[i + 1] = le[i] as number;
  }
  return new Uint8Array(be);
}

async function rejection(p: Promise<unknown>): Promise<QuarryError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(QuarryError);
    return err as QuarryError;
  }
  throw new Error('expected a rejection');
}

const SAMPLE = 'Héllo “world” — 😀 👩‍👩‍👧 中文 漢字 עברית العربية e\u0301 done';

describe('importDocument: plain text encodings', () => {
  it('reads UTF-8 without BOM', async () => {
    const doc = await importDocument('Interview 1.txt', utf8(SAMPLE));
    expect(doc).toEqual({
      name: 'Interview 1',
      text: SAMPLE,
      originName: 'Interview 1.txt',
      originType: 'txt',
      encoding: 'utf-8',
      warnings: [],
    });
  });

  it('reads UTF-8 with BOM and removes the BOM', async () => {
    const doc = await importDocument('a.txt', concat([0xef, 0xbb, 0xbf], utf8(SAMPLE)));
    expect(doc.text).toBe(SAMPLE);
    expect(doc.encoding).toBe('utf-8-bom');
    expect(doc.warnings).toEqual([]);
  });

  it('reads UTF-16 LE with BOM, including astral characters', async () => {
    const doc = await importDocument('a.txt', concat([0xff, 0xfe], new Uint8Array(Buffer.from(SAMPLE + '\r\nline 2', 'utf16le'))));
    expect(doc.text).toBe(SAMPLE + '\nline 2');
    expect(doc.encoding).toBe('utf-16le');
  });

  it('reads UTF-16 BE with BOM', async () => {
    const doc = await importDocument('a.txt', concat([0xfe, 0xff], utf16be(SAMPLE)));
    expect(doc.text).toBe(SAMPLE);
    expect(doc.encoding).toBe('utf-16be');
  });

  it('reads BOM-less UTF-16 LE with a warning', async () => {
    const doc = await importDocument('a.txt', new Uint8Array(Buffer.from('Interviewer: hello there\nRespondent: hi', 'utf16le')));
    expect(doc.text).toBe('Interviewer: hello there\nRespondent: hi');
    expect(doc.encoding).toBe('utf-16le');
    expect(doc.warnings).toEqual(['a.txt: the file has no byte-order mark; it was read as UTF-16LE']);
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8, with a warning', async () => {
    // “Café” in Windows-1252: 0x93 C a f 0xE9 0x94, plus en dash 0x96 and euro 0x80.
    const bytes = concat([0x93], utf8('Caf'), [0xe9, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35]);
    const doc = await importDocument('old.txt', bytes);
    expect(doc.text).toBe('“Café” – €5');
    expect(doc.encoding).toBe('windows-1252');
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(/^old\.txt: the file is not valid UTF-8, so it was read as Windows-1252/);
  });

  it('decodes every Windows-1252 byte like the WHATWG table', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = decodeWindows1252(all);
    expect(text.length).toBe(256);
    expect(text.slice(0x80, 0xa0)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
    expect(text.slice(0xa0)).toBe(Buffer.from(all.subarray(0xa0)).toString('latin1'));
    expect(text.slice(0, 0x80)).toBe(Buffer.from(all.subarray(0, 0x80)).toString('latin1'));
  });

  it('replaces invalid sequences after a UTF-8 BOM and warns', () => {
    const decoded = decodeTextBytes('x.txt', concat([0xef, 0xbb, 0xbf], utf8('ab'), [0xff], utf8('c')));
    expect(decoded.text).toBe('ab\uFFFDc');
    expect(decoded.encoding).toBe('utf-8-bom');
    expect(decoded.warnings[0]).toContain('x.txt: the file contains byte sequences that are not valid UTF-8');
  });

  it('replaces a lone surrogate in UTF-16 and warns', () => {
    const decoded = decodeTextBytes('x.txt', concat([0xff, 0xfe], [0x41, 0, 0x3d, 0xd8, 0x42, 0]));
    expect(decoded.text).toBe('A\uFFFDB');
    expect(decoded.warnings).toHaveLength(1);
  });

  it('normalises CRLF and lone CR to LF, and nothing else', async () => {
    const doc = await importDocument('a.txt', utf8('one\r\ntwo\rthree\n\r\n  four\t \r\n'));
    expect(doc.text).toBe('one\ntwo\nthree\n\n  four\t \n');
  });

  it('preserves emoji, CJK, RTL and combining accents exactly (no Unicode normalisation)', async () => {
    const text = 'נשאל: מה? 🙂\nسؤال: لماذا؟\n日本語のテキスト\nCafe\u0301 vs Café\n🇫🇷👍🏽';
    const doc = await importDocument('u.txt', utf8(text));
    expect(doc.text).toBe(text);
    expect([...doc.text].length).toBe([...text].length);
  });

  it('stores Markdown verbatim as plain text', async () => {
    const md = '# Heading\n\n* item **bold**\n\n[link](http://x)\r\n';
    const doc = await importDocument('Notes.MD', utf8(md));
    expect(doc).toMatchObject({ name: 'Notes', originName: 'Notes.MD', originType: 'md', encoding: 'utf-8' });
    expect(doc.text).toBe('# Heading\n\n* item **bold**\n\n[link](http://x)\n');
  });

  it('dispatches on the extension case-insensitively and strips directories', async () => {
    const doc = await importDocument('C:\\data\\round 2\\Focus.Group.TXT', utf8('x'));
    expect(doc.name).toBe('Focus.Group');
    expect(doc.originName).toBe('Focus.Group.TXT');
    expect(doc.originType).toBe('txt');
    const posix = await importDocument('/home/u/a b.txt', utf8('y'));
    expect(posix.name).toBe('a b');
  });
});

describe('importDocument: refusals', () => {
  it('refuses a binary file renamed .txt', async () => {
    // A PNG header followed by pseudo-random bytes (contains NULs).
    const bytes = new Uint8Array(512);
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    let seed = 42;
    for (let i = 12; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    const err = await rejection(importDocument('photo.txt', bytes));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe('photo.txt: this looks like a binary file, not text');
  });

  it('refuses control-character soup without NUL bytes', async () => {
    const bytes = new Uint8Array(200).map((_, i) => 1 + (i % 8));
    const err = await rejection(importDocument('data.txt', bytes));
    expect(err.message).toBe('data.txt: this looks like a binary file, not text');
  });

  it('accepts text with a few control characters (form feeds, escapes)', async () => {
    const doc = await importDocument('log.txt', utf8('page 1\fpage 2 \u001b[1mbold\u001b[0m and a long enough line of text around it'));
    expect(doc.text).toContain('\f');
  });

  it('refuses UTF-16 text that decodes to control characters', async () => {
    const err = await rejection(importDocument('b.txt', concat([0xff, 0xfe], new Uint8Array(64).map((_, i) => (i % 2 === 0 ? 1 + (i % 7) : 0)))));
    expect(err.message).toBe('b.txt: this looks like a binary file, not text');
  });

  it('refuses UTF-32', async () => {
    const err = await rejection(importDocument('w.txt', concat([0xff, 0xfe, 0, 0], [0x41, 0, 0, 0])));
    expect(err.message).toMatch(/^w\.txt: the file is encoded as UTF-32/);
  });

  it('refuses an empty file', async () => {
    const err = await rejection(importDocument('empty.txt', new Uint8Array(0)));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe('empty.txt: the file is empty');
  });

  it('refuses a file with only a BOM or whitespace', async () => {
    expect((await rejection(importDocument('bom.txt', new Uint8Array([0xef, 0xbb, 0xbf])))).message).toBe(
      'bom.txt: the file contains no text',
    );
    expect((await rejection(importDocument('ws.md', utf8(' \r\n\t\n')))).message).toBe('ws.md: the file contains no text');
  });

  it('refuses files above maxBytes with too_large, stating the limit', async () => {
    const err = await rejection(importDocument('big.txt', new Uint8Array(2048).fill(0x61), { maxBytes: 1024 }));
    expect(err.code).toBe('too_large');
    expect(err.message).toBe('big.txt: the file is 2 KB, larger than the import limit of 1 KB');
    expect(err.details).toEqual({ file: 'big.txt', size: 2048, limit: 1024 });
    // Exactly at the limit is fine.
    expect((await importDocument('ok.txt', new Uint8Array(1024).fill(0x61), { maxBytes: 1024 })).text).toHaveLength(1024);
  });

  it('has a 50 MiB default limit', async () => {
    const big = new Uint8Array(50 * 1024 * 1024 + 1);
    const err = await rejection(importDocument('huge.pdf', big));
    expect(err.code).toBe('too_large');
    expect(err.message).toBe('huge.pdf: the file is 52,428,801 bytes, larger than the import limit of 52,428,800 bytes');
  });

  it('refuses unknown extensions with the supported list', async () => {
    const err = await rejection(importDocument('sheet.xlsx', utf8('x')));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe('sheet.xlsx: Quarry cannot import .xlsx files; supported types are .txt, .md, .docx, .pdf, .vtt and .srt (and recordings: .mp3, .m4a, .aac, .wav, .ogg, .opus, .mp4, .webm)');
    expect((await rejection(importDocument('README', utf8('x')))).message).toMatch(/^README: the file has no extension/);
    expect((await rejection(importDocument('.txt', utf8('x')))).message).toMatch(/^\.txt: the file has no extension/);
    expect((await rejection(importDocument('old.DOC', utf8('x')))).message).toMatch(/^old\.DOC: old-format Word documents/);
  });

  it('never hangs on a large hostile text input', async () => {
    const bytes = utf8('a:'.repeat(2_000_000));
    const t0 = Date.now();
    const doc = await importDocument('h.txt', bytes);
    expect(doc.text.length).toBe(4_000_000);
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
