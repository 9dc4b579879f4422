// Which operating system `npm run dist` is asked to package for, and whether
// this machine can: the app's native module (better-sqlite3) is rebuilt for
// Electron on the machine that packages, so an installer for another OS would
// carry a binary that cannot load there. Cross-building is refused; each
// platform's package is built on that platform (see docs/desktop-build.md).

const FLAGS = {
  darwin: ['--mac', '--macos', '-m', '-o'],
  win32: ['--win', '--windows', '-w'],
  linux: ['--linux', '-l'],
};
const NAMES = { darwin: 'macOS', win32: 'Windows', linux: 'Linux' };

/** The platforms named by electron-builder's target flags (none named: the host's own). */
export function requestedPlatforms(args) {
  const named = Object.entries(FLAGS)
    .filter(([, flags]) => args.some((a) => flags.includes(a) || flags.some((f) => f.startsWith('--') && a.startsWith(`${f}=`))))
    .map(([platform]) => platform);
  return named;
}

/** A message refusing a cross-build, or null when every requested platform is this one. */
export function crossBuildRefusal(args, host = process.platform) {
  const foreign = requestedPlatforms(args).filter((p) => p !== host);
  if (foreign.length === 0) return null;
  const hostName = NAMES[host] ?? host;
  const wanted = foreign.map((p) => NAMES[p]).join(' and ');
  return (
    `this machine runs ${hostName}, and cannot package Quarry for ${wanted}: better-sqlite3 is compiled for the OS that packages, ` +
    `so the installer would carry a native module that does not load on ${wanted}. Nothing was built or changed. ` +
    `Run "npm run dist" on ${wanted} (the CI builds each platform on its own runner).`
  );
}
