// A stand-in for a record store that stores nothing: it parses each posted
// batch, answers with its ids as a store would, and counts. It measures
// Frontline's side of sending, apart from any store's speed.
// Usage: node sink.js PORT   (prints the count on SIGTERM)
const http = require('http');
let statements = 0;
const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
        if (request.method !== 'POST') { response.writeHead(405).end(); return; }
        const batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        statements += batch.length;
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(batch.map((s) => s.id)));
    });
});
server.listen(Number(process.argv[2]), '127.0.0.1');
process.on('SIGTERM', () => { console.log(`the sink received ${statements} statements`); process.exit(0); });
