/**
 * A tiny PDF writer for tests: one Helvetica (WinAnsi) font, text placed
 * with Td/Tj, correct xref byte offsets. Enough for pdfjs to read a real
 * text layer without any binary fixture in the repository.
 */

export interface PdfPageSpec {
  /** Raw content-stream operators, e.g. "BT /F1 12 Tf 72 720 Td (Hi) Tj ET". */
  content: string;
}

export interface PdfSpec {
  pages: PdfPageSpec[];
  /** Adds a Standard-security /Encrypt dictionary (RC4, revision 2) whose user password is not empty. */
  encrypted?: boolean;
  /** Adds a 2x2 grey image XObject /Im1 to every page's resources. */
  withImage?: boolean;
}

/** WinAnsi bytes 0x80–0x9F for the punctuation interview transcripts use. */
const WIN_ANSI: Record<string, number> = { '€': 0x80, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };

/** Escapes a string as a PDF literal string in WinAnsiEncoding (Latin-1 plus the table above). */
export function pdfString(s: string): string {
  let out = '(';
  for (const ch of s) {
    const c = WIN_ANSI[ch] ?? (ch.codePointAt(0) as number);
    if (c > 0xff) throw new Error(`pdfString: ${ch} is not in WinAnsiEncoding`);
    if (ch === '(' || ch === ')' || ch === '\\') out += '\\' + ch;
    else if (c < 0x20 || c > 0x7e) out += '\\' + c.toString(8).padStart(3, '0');
    else out += ch;
  }
  return out + ')';
}

/** Content stream that writes each line 14pt below the previous one. */
export function textLines(lines: string[], x = 72, y = 720): string {
  const ops = [`BT /F1 12 Tf ${x} ${y} Td`];
  lines.forEach((line, i) => {
    if (i > 0) ops.push('0 -14 Td');
    ops.push(`${pdfString(line)} Tj`);
  });
  ops.push('ET');
  return ops.join('\n');
}

export function buildPdf(spec: PdfSpec): Uint8Array {
  const objects: string[] = []; // objects[i] is object number i + 1
  const add = (body: string): number => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add('PLACEHOLDER');
  const pagesObj = add('PLACEHOLDER');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const image = spec.withImage
    ? add('<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream')
    : 0;
  const kids: number[] = [];
  for (const page of spec.pages) {
    const stream = add(`<< /Length ${Buffer.byteLength(page.content, 'latin1')} >>\nstream\n${page.content}\nendstream`);
    const xobj = image ? ` /XObject << /Im1 ${image} 0 R >>` : '';
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 612 792] /Contents ${stream} 0 R /Resources << /Font << /F1 ${font} 0 R >>${xobj} >> >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const encrypt = spec.encrypted
    ? add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> /P -4 >>`)
    : 0;

  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  const id = '<0123456789abcdef0123456789abcdef>';
  const extra = encrypt ? ` /Encrypt ${encrypt} 0 R /ID [${id} ${id}]` : '';
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${extra} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
