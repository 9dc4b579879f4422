/**
 * Code paths: the full path of a code with "/" between levels, as the CLI
 * and exports print it ("Outcomes/Entrepreneurs/Trust"). A "/" inside a name
 * is written "\/" and a backslash "\\", so every name round-trips.
 */
export function escapeSegment(name: string): string {
  return name.replace(/\\/g, '\\\\').replace(/\//g, '\\/');
}

export function joinPath(names: readonly string[]): string {
  return names.map(escapeSegment).join('/');
}

export function splitPath(path: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch === '\\' && i + 1 < path.length) {
      cur += path[i + 1];
      i++;
    } else if (ch === '/') {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  return parts.map((p) => p.trim());
}
