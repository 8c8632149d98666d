// peers.js: times one JavaScript NLP library on one task over a JSONL corpus, in-process, once.
//
//   node peers.js TOOL TASK CORPUS.jsonl
//
// TOOL/TASK pairs are listed in `tasks` below. run.sh starts one process per timed run so that the
// runs of every tool can be interleaved (round-robin) and share the same background load.
// Untimed: node start-up, loading the library and its model, reading and parsing the corpus, and a
// warm-up pass over the first WARMUP texts (so that V8's JIT has compiled the hot code, as it would
// have in a long-running service). Timed: one loop over every text, wall clock (process.hrtime;
// node runs the loop on one thread) and the process's CPU time (process.cpuUsage: user + system,
// including V8's helper threads such as the garbage collector). The library's results are read
// out as plain arrays (as a user would use them) and counted, so no lazy work is skipped. Prints
// one JSON object: the tool, its version, the call timed, the wall and CPU seconds, and how many
// items (sentences, entity mentions or sentiment scores) the loop produced.
'use strict';
const fs = require('fs');
const path = require('path');

const WARMUP = 100;

function version(pkg) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

// Each entry: the npm package named in the report, the call timed (as text for the report), and a
// factory that does the start-up work once (not timed) and returns text => number of items.
const tasks = {
  sbd: {
    sentences: {
      pkg: 'sbd',
      call: 'sbd.sentences(text, {newline_boundaries: true})',
      make() {
        const sbd = require('sbd');
        return (text) => sbd.sentences(text, { newline_boundaries: true }).length;
      },
    },
  },
  compromise: {
    sentences: {
      pkg: 'compromise',
      call: "nlp.tokenize(text).out('array')",
      make() {
        const nlp = require('compromise');
        return (text) => nlp.tokenize(text).out('array').length;
      },
    },
    entities: {
      pkg: 'compromise',
      call: "doc = nlp(text); doc.people(), .places(), .organizations() .out('array')",
      make() {
        const nlp = require('compromise');
        return (text) => {
          const doc = nlp(text);
          return doc.people().out('array').length + doc.places().out('array').length +
              doc.organizations().out('array').length;
        };
      },
    },
  },
  wink: {
    sentences: {
      pkg: 'wink-nlp',
      call: "winkNLP(model, ['sbd']).readDoc(text).sentences().out()",
      make() {
        const nlp = require('wink-nlp')(require('wink-eng-lite-web-model'), ['sbd']);
        return (text) => nlp.readDoc(text).sentences().out().length;
      },
    },
    entities: {
      pkg: 'wink-nlp',
      call: "winkNLP(model, ['sbd', 'ner']).readDoc(text).entities().out(its.detail)",
      make() {
        const nlp = require('wink-nlp')(require('wink-eng-lite-web-model'), ['sbd', 'ner']);
        return (text) => nlp.readDoc(text).entities().out(nlp.its.detail).length;
      },
    },
    sentiment: {
      pkg: 'wink-nlp',
      call: "winkNLP(model, ['sbd', 'negation', 'sentiment']): doc.out(its.sentiment), doc.sentences().out(its.sentiment)",
      make() {
        const nlp = require('wink-nlp')(require('wink-eng-lite-web-model'), ['sbd', 'negation', 'sentiment']);
        return (text) => {
          const doc = nlp.readDoc(text);
          doc.out(nlp.its.sentiment);
          return 1 + doc.sentences().out(nlp.its.sentiment).length;
        };
      },
    },
    all: {
      pkg: 'wink-nlp',
      call: 'winkNLP(model) (its whole default pipeline): sentences, entities, document and sentence sentiment',
      make() {
        const nlp = require('wink-nlp')(require('wink-eng-lite-web-model'));
        return (text) => {
          const doc = nlp.readDoc(text);
          doc.out(nlp.its.sentiment);
          return doc.sentences().out().length + doc.entities().out(nlp.its.detail).length +
              doc.sentences().out(nlp.its.sentiment).length;
        };
      },
    },
  },
};

function main() {
  const [tool, task, corpus] = process.argv.slice(2);
  const spec = tasks[tool] && tasks[tool][task];
  if (!spec || !corpus) {
    const known = Object.entries(tasks).map(([t, v]) => `${t}: ${Object.keys(v).join(',')}`).join('; ');
    console.error(`usage: node peers.js TOOL TASK CORPUS.jsonl   (${known})`);
    process.exit(2);
  }
  const texts = fs.readFileSync(corpus, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l).text);
  const analyse = spec.make();
  for (const text of texts.slice(0, WARMUP)) analyse(text);

  let items = 0;
  const t0 = process.hrtime.bigint(), c0 = process.cpuUsage();
  for (const text of texts) items += analyse(text);
  const c = process.cpuUsage(c0);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({
    tool, task, pkg: spec.pkg, version: version(spec.pkg), call: spec.call, texts: texts.length, items,
    wall, cpu: (c.user + c.system) / 1e6,
  }));
}

main();
