#!/usr/bin/env node
// Writes tests/fixtures/json5-tests/expected.json: what the reference JSON5 parser (the `json5`
// npm package) returns for every valid case of the official suite and of tests/fixtures/json5-extra.
// It first checks that the reference agrees with each case's classification (.json/.json5 load,
// .js/.txt are refused), so a wrongly classified extra case fails here, not in our tests.
//
// Usage: (cd /tmp && npm pack json5@2.2.3 && tar xzf json5-2.2.3.tgz)
//        node scripts/json5-tests-expected.js /tmp/package
// Every number is written as {"$json5-number": String(n)} ("2e-23", "NaN", "-Infinity", "-0").
'use strict';
const fs = require('fs');
const path = require('path');

const JSON5 = require(path.resolve(process.argv[2] || 'node_modules/json5'));
const root = path.join(__dirname, '..', 'tests', 'fixtures');
const dirs = ['json5-tests', 'json5-extra'];

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

function encode(v) {
  // Numbers as JavaScript prints them, so the reader of this file need not trust a JSON float
  // parser to round them as JavaScript does.
  if (typeof v === 'number') return { '$json5-number': Object.is(v, -0) ? '-0' : String(v) };
  if (Array.isArray(v)) return v.map(encode);
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v)) out[k] = encode(v[k]);
    return out;
  }
  return v;
}

const expected = {};
let bad = 0;
for (const dir of dirs) {
  for (const file of walk(path.join(root, dir)).sort()) {
    const ext = path.extname(file);
    if (!['.json', '.json5', '.js', '.txt'].includes(ext) || path.basename(file) === 'expected.json') continue;
    const rel = path.relative(root, file).split(path.sep).join('/');
    const valid = ext === '.json' || ext === '.json5';
    const text = fs.readFileSync(file, 'utf8');
    let value, error;
    try {
      value = JSON5.parse(text);
    } catch (e) {
      error = e;
    }
    if (valid && error) {
      console.error(`${rel}: valid case refused by the reference: ${error.message}`);
      bad++;
    } else if (!valid && !error) {
      console.error(`${rel}: invalid case accepted by the reference`);
      bad++;
    } else if (valid) {
      expected[rel] = encode(value);
    }
  }
}
if (bad) process.exit(1);
const out = path.join(root, 'json5-tests', 'expected.json');
fs.writeFileSync(out, JSON.stringify(expected, null, 1) + '\n');
console.log(`wrote ${Object.keys(expected).length} expected values to ${path.relative(process.cwd(), out)}`);
