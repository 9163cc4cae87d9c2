// @noble/curves' own FROST (abstract/frost.js, RFC 9591): one participant's round 1 (commit) and
// round 2 (signShare) of a 2-of-2 signature, the same work as the JMH SigningBench.signOneRound.
// Usage: node frost-bench.mjs [seconds-per-suite] [out.json]
import { secp256k1_FROST } from '@noble/curves/secp256k1.js';
import { ed25519_FROST } from '@noble/curves/ed25519.js';
import { writeFileSync, readFileSync } from 'node:fs';

const seconds = Number(process.argv[2] ?? 10);
const out = process.argv[3];
const version = JSON.parse(readFileSync(new URL('./node_modules/@noble/curves/package.json', import.meta.url))).version;

function bench(name, F) {
  const a = F.Identifier.derive('client');
  const b = F.Identifier.derive('server');
  const deal = F.trustedDealer({ min: 2, max: 2 }, [a, b]);
  const msg = new Uint8Array(32).fill(7);
  const client = F.commit(deal.secretShares[a]);
  const once = () => {
    const s = F.commit(deal.secretShares[b]);
    return F.signShare(deal.secretShares[b], deal.public, s.nonces, [client.commitments, s.commitments], msg);
  };
  // warm-up: a third of the time, then measure in 1-second rounds and keep the median round
  const end = (ms) => Number(process.hrtime.bigint() / 1000000n) + ms;
  let stop = end(seconds * 1000 / 3);
  while (Number(process.hrtime.bigint() / 1000000n) < stop) once();
  const rounds = [];
  stop = end(seconds * 1000 * 2 / 3);
  while (Number(process.hrtime.bigint() / 1000000n) < stop) {
    const t0 = process.hrtime.bigint();
    let n = 0;
    while (process.hrtime.bigint() - t0 < 1000000000n) { once(); n++; }
    rounds.push(Number(process.hrtime.bigint() - t0) / 1000 / n);
  }
  rounds.sort((x, y) => x - y);
  const median = rounds[Math.floor(rounds.length / 2)];
  console.log(`noble ${version} ${name} commit+signShare 2-of-2: ${median.toFixed(1)} us/op (median of ${rounds.length} 1-s rounds, min ${rounds[0].toFixed(1)})`);
  return median;
}

const result = {
  noble: version,
  node: process.version,
  secp256k1: bench('secp256k1_FROST', secp256k1_FROST),
  ed25519: bench('ed25519_FROST', ed25519_FROST),
};
if (out) writeFileSync(out, JSON.stringify(result, null, 2));
