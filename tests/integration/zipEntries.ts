import { unzipSync } from 'fflate';

/**
 * A zip's entries in the order its directory lists them: name, uncompressed
 * bytes and compression method (0 stored, 8 deflated). Unzipping checks each
 * entry's CRC, so a package whose bytes do not match its directory fails here.
 */
export function zipEntries(zip: Uint8Array): [name: string, bytes: Uint8Array, method: number][] {
  const methods: [string, number][] = [];
  const files = unzipSync(zip, {
    filter: (f) => {
      methods.push([f.name, f.compression]);
      return true;
    },
  });
  return methods.map(([name, method]) => [name, files[name]!, method]);
}
