/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, run with node --require */
// Preloaded into the Electronegativity process by electronegativity.test.ts: every
// network connection fails at once, so its optional download (updated translations)
// is skipped without waiting on DNS. The tests use no network.
const net = require('node:net');
const dns = require('node:dns');
dns.lookup = function lookup(_host, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  process.nextTick(cb, Object.assign(new Error('offline (test)'), { code: 'ENOTFOUND' }));
};
net.Socket.prototype.connect = function offlineConnect() {
  process.nextTick(() => this.destroy(Object.assign(new Error('offline (test)'), { code: 'ECONNREFUSED' })));
  return this;
};
