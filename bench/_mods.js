const mods = process.argv.slice(2);
const m = () => { global.gc(); global.gc(); const u = process.memoryUsage(); return `rss ${(u.rss/2**20).toFixed(1)} heap ${(u.heapUsed/2**20).toFixed(1)} ext ${(u.external/2**20).toFixed(1)}`; };
console.log('start', m());
for (const name of mods) { require(name); console.log(name, m()); }
