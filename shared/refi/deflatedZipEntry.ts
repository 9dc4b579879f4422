/**
 * A deflated zip entry for fflate's streaming Zip whose compression is
 * chunkedDeflate.ts's (native zlib, beside the writer) instead of fflate's
 * own JavaScript deflate. fflate's Zip takes any entry of this shape: it
 * writes the local header when the entry is added and the sizes and CRC in
 * a data descriptor when the last piece arrives.
 */
import type { AsyncFlateStreamHandler, ZipInputFile } from 'fflate';
import { ChunkedDeflater, type DeflatePool } from './chunkedDeflate.js';

export class DeflatedZipEntry implements ZipInputFile {
  readonly compression = 8;
  /** The header's "normal compression" bits, as fflate writes for level 6. */
  readonly flag = 0;
  crc = 0;
  size = 0;
  ondata?: AsyncFlateStreamHandler;
  private readonly deflater: ChunkedDeflater;

  constructor(
    readonly filename: string,
    readonly mtime: Date,
    pool: DeflatePool,
  ) {
    this.deflater = new ChunkedDeflater(pool, (bytes, final) => {
      // fflate writes the sizes and CRC after the last piece: they must be final by then.
      if (final) {
        this.crc = this.deflater.crc;
        this.size = this.deflater.size;
      }
      this.ondata!(null, bytes as Uint8Array<ArrayBuffer>, final);
    });
  }

  /** Uncompressed bytes of the file, in order. */
  push(bytes: Uint8Array): void {
    this.deflater.push(bytes);
  }

  /** Text of the file, in order, written as UTF-8. */
  pushText(text: string): void {
    this.deflater.pushText(text);
  }

  /** After the last piece. */
  finish(): void {
    this.deflater.finish();
  }
}
