// report.js: the markdown report of bench/peers/run.sh from its results (one JSON object a line:
// one per timed run, plus analyze's item counts and the start-up timings).
//
//   node report.js RESULTS.jsonl --words N --articles N --mb X --source TEXT --runs N --load-start L --load-end L
//                  --analyze-version V --commit C --built DATE --started DATE
//
// The shape is fixed: the same paragraphs, table rows (in the same order) and target lines whatever
// the figures; a task this build of analyze cannot do gets a "not available" row.
'use strict';
const fs = require('fs');
const os = require('os');

const [file, ...rest] = process.argv.slice(2);
const opt = {};
for (let i = 0; i < rest.length; i += 2) opt[rest[i].replace(/^--/, '')] = rest[i + 1];
const words = Number(opt.words);
const results = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b), m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const int = (x) => Math.round(x).toLocaleString('en-US');
const secs = (x) => x.toFixed(x < 10 ? 2 : 1);
const ratio = (x) => `${x.toFixed(x < 10 ? 2 : 1)}x`;

// One configuration's timed runs, gathered: {first run's fields, walls: [...], cpus: [...]}.
function gather(match) {
  const runs = results.filter((r) => r.wall !== undefined && match(r));
  if (!runs.length) return undefined;
  return { ...runs[0], walls: runs.map((r) => r.wall), cpus: runs.map((r) => r.cpu) };
}
const analyze = (task, jobs) => results.find((r) => r.tool === 'analyze' && r.task === task && r.missing) ||
    gather((r) => r.tool === 'analyze' && r.task === task && r.jobs === jobs);
const peer = (tool, task) => gather((r) => r.tool === tool && r.task === task);
const wall = (c) => median(c.walls);
const cpu = (c) => median(c.cpus);
const spread = (c) => `${secs(Math.min(...c.walls))}–${secs(Math.max(...c.walls))}`;
const speedup = (a, p, of = wall) => (a && !a.missing ? ratio(of(p) / of(a)) : '—');
const items = results.find((r) => r.tool === 'analyze-items') || {};

const peerName = { sbd: 'sbd', compromise: 'compromise', wink: 'wink-nlp' };
const peerRows = {
  sentences: [['sbd', 'sentences'], ['compromise', 'sentences'], ['wink', 'sentences']],
  entities: [['compromise', 'entities'], ['wink', 'entities']],
  sentiment: [['wink', 'sentiment']],
  // compromise has no sentiment: its most complete run (the full parse of the entities task) stands
  // for it in the whole-pipeline comparison.
  all: [['wink', 'all'], ['compromise', 'entities']],
};
const taskTitle = { sentences: 'sentence splitting', entities: 'entities', sentiment: 'sentiment', all: 'whole pipeline' };
const analyzeItems = { sentences: items.sentences, entities: items.mentions, sentiment: items.scores };

const out = [];
const cpus = os.cpus();
out.push(`Measured ${opt.started} to ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.hostname()}: ` +
    `${cpus[0].model.trim()}, ${cpus.length} cores shared with other jobs (noisy: compare the CPU s column); ` +
    `load average (1/5/15 min) ${opt['load-start']} at the start, ${opt['load-end']} at the end. ` +
    `${opt['analyze-version']} (binary built ${opt.built} UTC; the checkout was at commit ${opt.commit} when the run ` +
    `started), Node.js ${process.version}.`);
out.push('');
out.push(`Corpus: ${int(Number(opt.articles))} news articles, ${Number(opt.mb).toFixed(2)} MB of text, ${int(words)} words: ` +
    `${opt.source}. Every tool reads the same texts. Words are counted once, by analyze's stats stage ` +
    '(word and number tokens, punctuation not counted, every paragraph counted); that one total divides every ' +
    "tool's time.");
out.push('');
out.push(`Timing: median of ${opt.runs} runs, interleaved (each round runs every row once, in an order rotated ` +
    'each round). analyze: wall time of one process over the corpus JSONL (start-up, model loading, reading ' +
    'and JSON output to /dev/null included), with the smallest `--stages` list that does the task, or no ' +
    '`--stages` for the whole default pipeline. Peers: wall time of one in-process loop over the texts, ' +
    'already in memory, after an untimed warm-up on the first 100 texts (node start-up, library and model ' +
    'loading, reading not timed; results read out as arrays); Node runs the loop on one thread. words/s and ' +
    "\"analyze is\" (the peer's median time / analyze's median time, same run) use wall time, except the last " +
    'column, which divides CPU time (user + system, all threads): the less noisy figure on a shared machine. ' +
    'items: what the tool produced (sentences; entity mentions, whose types differ between tools; sentiment ' +
    'scores, one per article and one per sentence).');
out.push('');
out.push('| task | tool | what runs | items | wall s | wall s, min–max | CPU s | words/s | analyze --jobs 1 is | analyze --jobs 2 is | analyze --jobs 1 is (CPU) |');
out.push('|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|');
for (const task of ['sentences', 'entities', 'sentiment', 'all']) {
  const a1 = analyze(task, 1), a2 = analyze(task, 2);
  for (const [jobs, a] of [[1, a1], [2, a2]]) {
    if (!a || a.missing) {
      out.push(`| ${taskTitle[task]} | analyze --jobs ${jobs} | not available: this build has no \`${a ? a.missing : task}\` stage | | | | | | | | |`);
      continue;
    }
    const what = a.stages.startsWith('default') ? `no \`--stages\` (${a.stages})` : `\`--stages ${a.stages}\``;
    const n = analyzeItems[task] === undefined ? '—' : int(analyzeItems[task]);
    out.push(`| ${taskTitle[task]} | analyze --jobs ${a.jobs} | ${what} | ${n} | ${secs(wall(a))} | ${spread(a)} | ` +
        `${secs(cpu(a))} | ${int(words / wall(a))} | | | |`);
  }
  for (const [tool, ptask] of peerRows[task]) {
    const p = peer(tool, ptask);
    if (!p) {
      out.push(`| ${taskTitle[task]} | ${peerName[tool]} | not run | | | | | | | | |`);
      continue;
    }
    const reused = ptask !== task;
    const what = reused ? `the entities rows' run (\`${p.call}\`)` : `\`${p.call}\``;
    out.push(`| ${taskTitle[task]} | ${peerName[tool]} ${p.version} | ${what} | ${task === 'all' ? '—' : int(p.items)} | ` +
        `${secs(wall(p))} | ${spread(p)} | ${secs(cpu(p))} | ${int(words / wall(p))} | ${speedup(a1, p)} | ` +
        `${speedup(a2, p)} | ${speedup(a1, p, cpu)} |`);
  }
}
out.push('');

const all1 = analyze('all', 1), all2 = analyze('all', 2);
const ce = peer('compromise', 'entities');
const ok = (met) => (met ? 'met' : '**NOT met**');
out.push('Targets:');
out.push('');
if (all1 && all2 && ce) {
  const r1 = wall(ce) / wall(all1), r2 = wall(ce) / wall(all2), rc = cpu(ce) / cpu(all1);
  out.push(`- analyze's whole default pipeline >= 25x faster than compromise's entity extraction (issue 6): ` +
      `${ratio(r1)} with \`--jobs 1\`, ${ratio(r2)} with \`--jobs 2\` (wall); ${ratio(rc)} in CPU time ` +
      `(\`--jobs 1\`): ${ok(r1 >= 25)} (judged on \`--jobs 1\` wall time)`);
} else {
  out.push("- analyze's whole default pipeline >= 25x faster than compromise's entity extraction (issue 6): not measured");
}
const startup = results.find((r) => r.tool === 'startup');
if (startup) {
  const ms = startup.result.times.map((t) => t * 1000);
  out.push(`- one small article (\`analyze ${startup.sample}\`, ${int(startup.bytes)} bytes, ${startup.words} words, ` +
      `default stages, model loading included) <= 50 ms wall (issue 6): median ${median(ms).toFixed(1)} ms ` +
      `(min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}) over ${ms.length} runs ` +
      `(${startup.result.method})` +
      (startup.result.cpu_mean === undefined ? '' : `, CPU time (user + system) ${(startup.result.cpu_mean * 1000).toFixed(1)} ms on average`) +
      `: ${ok(median(ms) <= 50)}`);
} else {
  out.push('- one small article <= 50 ms wall (issue 6): not measured');
}
if (all1 && all2) {
  out.push(`- whole default pipeline >= 500,000 words/s per thread (developers' guide): \`--jobs 1\` ` +
      `${int(words / wall(all1))} words/s of wall time, ${int(words / cpu(all1))} words per CPU second: ` +
      `${ok(words / wall(all1) >= 500000)} (judged on wall time)`);
  out.push(`- \`--jobs 2\` / \`--jobs 1\`, whole default pipeline, wall: ${ratio(wall(all1) / wall(all2))} ` +
      '(no target here; the 2 cores are shared with the peers\' runs and other jobs)');
}
console.log(out.join('\n'));
