// Checks what the store holds: every statement of both machines' exports
// exactly once, each valid by Learning Locker's rules, and the report made
// from the store equal to the two local reports put together.
const fs = require('fs');
const path = require('path');
const [a, b, stored, work] = process.argv.slice(2);
const validate = require(path.join(work, 'node_modules/@learninglocker/xapi-validation')).default;
const local = [...JSON.parse(fs.readFileSync(a)), ...JSON.parse(fs.readFileSync(b))];
const held = JSON.parse(fs.readFileSync(stored)).statements;
const fail = (why) => { console.error('FAILED: ' + why); process.exit(1); };
const count = new Map();
for (const s of held) count.set(s.id, (count.get(s.id) || 0) + 1);
for (const [id, n] of count) if (n !== 1) fail(`${id} held ${n} times`);
for (const s of local) if (!count.has(s.id)) fail(`${s.id} never reached the store`);
if (held.length !== local.length) fail(`the store holds ${held.length}, the machines made ${local.length}`);
for (const s of held) {
    try { validate(s); } catch (e) { fail(`${s.id}: ${JSON.stringify(e.warnings || e.message)}`); }
}
// Each trainee played on one machine only, so the rows simply add up.
const rows = (dir) => fs.readFileSync(path.join(work, dir, 'trainees.csv'), 'utf8').trim().split('\n');
const fromStore = rows('lrs').slice(1).sort();
const fromMachines = [...rows('a').slice(1), ...rows('b').slice(1)].sort();
if (JSON.stringify(fromStore) !== JSON.stringify(fromMachines))
    fail(`trainees.csv differs:\n${fromStore.join('\n')}\nvs\n${fromMachines.join('\n')}`);
console.log(`${held.length} statements, each once and valid; the store's report matches both machines'`);
