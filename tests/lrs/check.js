// Checks what the store holds: every statement of the machines' exports
// exactly once, each valid by Learning Locker's rules, and, when WORK/lrs
// holds a report made from the store, that it equals the reports of the
// machines (WORK/a, WORK/b) put together.
// Usage: node check.js WORK STATEMENTS_URL EXPORT.json... (login from
// $FRONTLINE_LRS_KEY and $FRONTLINE_LRS_SECRET)
const fs = require('fs');
const path = require('path');
const [work, url, ...files] = process.argv.slice(2);
const validate = require(path.join(process.env.LRS_TOOLS, 'node_modules/@learninglocker/xapi-validation')).default;
const fail = (why) => { console.error('FAILED: ' + why); process.exit(1); };

// Every page of `GET statements`, following the `more` links.
async function stored() {
    const login = Buffer.from(`${process.env.FRONTLINE_LRS_KEY}:${process.env.FRONTLINE_LRS_SECRET}`);
    const headers = { Authorization: 'Basic ' + login.toString('base64'), 'X-Experience-API-Version': '1.0.3' };
    const all = [];
    for (let next = url; next;) {
        const response = await fetch(next, { headers });
        if (!response.ok) fail(`GET ${next}: HTTP ${response.status}`);
        const page = await response.json();
        all.push(...page.statements);
        next = page.more ? new URL(page.more, url).href : null;
    }
    return all;
}

async function main() {
    const local = files.flatMap((file) => JSON.parse(fs.readFileSync(file)));
    const held = await stored();
    const count = new Map();
    for (const s of held) count.set(s.id, (count.get(s.id) || 0) + 1);
    for (const [id, n] of count) if (n !== 1) fail(`${id} held ${n} times`);
    for (const s of local) if (!count.has(s.id)) fail(`${s.id} never reached the store`);
    if (held.length !== local.length) fail(`the store holds ${held.length}, the machines made ${local.length}`);
    for (const s of held) {
        try { validate(s); } catch (e) { fail(`${s.id}: ${JSON.stringify(e.warnings || e.message)}`); }
    }
    if (!fs.existsSync(path.join(work, 'lrs'))) {
        console.log(`${held.length} statements, each once and valid`);
        return;
    }
    // Each trainee played other scenarios on one machine only, so the rows
    // of every table simply add up.
    for (const table of ['trainees.csv', 'scenarios.csv', 'mistakes.csv']) {
        const rows = (dir) => fs.readFileSync(path.join(work, dir, table), 'utf8').trim().split('\n');
        const fromStore = rows('lrs').slice(1).sort();
        const fromMachines = [...rows('a').slice(1), ...rows('b').slice(1)].sort();
        if (fromStore.length === 0) fail(`${table} from the store is empty`);
        if (JSON.stringify(fromStore) !== JSON.stringify(fromMachines))
            fail(`${table} differs:\n${fromStore.join('\n')}\nvs\n${fromMachines.join('\n')}`);
    }
    // Every trainee finished each scenario once before the retries.
    const trainees = fs.readFileSync(path.join(work, 'lrs', 'trainees.csv'), 'utf8').trim().split('\n');
    const finished = trainees[0].split(',').indexOf('finished');
    for (const row of trainees.slice(1)) if (!(Number(row.split(',')[finished]) >= 1)) fail(`no finished attempt: ${row}`);
    console.log(`${held.length} statements, each once and valid; the store's report matches both machines'`);
}
main().catch((e) => fail(e.stack || String(e)));
