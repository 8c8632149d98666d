// report.js: the markdown report of bench/peers/run.sh from its results (one JSON object a line).
//
//   node report.js RESULTS.jsonl --words N --articles N --mb X --source TEXT --runs N --load-start L --load-end L
//                  --analyze-version V --commit C
'use strict';
const fs = require('fs');
const os = require('os');

const [file, ...rest] = process.argv.slice(2);
const opt = {};
for (let i = 0; i < rest.length; i += 2) opt[rest[i].replace(/^--/, '')] = rest[i + 1];
const words = Number(opt.words);
const results = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const int = (x) => Math.round(x).toLocaleString('en-US');
const secs = (x) => x.toFixed(x < 10 ? 2 : 1);
const seconds = (r) => median(r.times);
const spread = (r) => `${secs(Math.min(...r.times))}–${secs(Math.max(...r.times))}`;
const speedup = (analyze, peer) => (analyze && !analyze.missing ? `${(seconds(peer) / seconds(analyze)).toFixed(1)}x` : '—');

const analyze = (task, jobs) => results.find((r) => r.tool === 'analyze' && r.task === task && (r.missing || r.jobs === jobs));
const peer = (tool, task) => results.find((r) => r.tool === tool && r.task === task);
const peerName = { sbd: 'sbd', compromise: 'compromise', wink: 'wink-nlp' };

const out = [];
const cpu = os.cpus();
out.push(`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.hostname()}: ` +
    `${cpu[0].model.trim()}, ${cpu.length} cores shared with other jobs (noisy); load average (1/5/15 min) ` +
    `${opt['load-start']} at the start, ${opt['load-end']} at the end. ${opt['analyze-version']} (commit ${opt.commit}), ` +
    `Node.js ${process.version}.`);
out.push('');
out.push(`Corpus: ${int(Number(opt.articles))} news articles, ${Number(opt.mb).toFixed(2)} MB, ${int(words)} words ` +
    `(${opt.source}). ` +
    "Words are counted once, by analyze's stats stage; that total divides every tool's time.");
out.push('');
out.push(`Timing: median of ${opt.runs} runs. analyze: wall time of one process over the corpus JSONL ` +
    '(start-up and model loading included, JSON output to /dev/null). Peers: wall time of an in-process loop ' +
    'over the texts, already in memory (node start-up, library loading and reading not timed; results read out ' +
    "as arrays). Node runs JavaScript on one thread. words/s and the speed-ups (the peer's time / analyze's " +
    'time) use the median wall time; CPU s (user + system, all threads, median) shows how much other jobs on ' +
    'the machine slowed a wall time down.');
out.push('');
out.push('| task | tool | what runs | wall s | wall s, min–max | CPU s | words/s | analyze --jobs 1 is | analyze --jobs 2 is |');
out.push('|---|---|---|--:|--:|--:|--:|--:|--:|');

const taskTitle = { sentences: 'sentence splitting', entities: 'entities', sentiment: 'sentiment', all: 'whole pipeline' };
for (const task of ['sentences', 'entities', 'sentiment', 'all']) {
  const a1 = analyze(task, 1), a2 = analyze(task, 2);
  if (a1 && a1.missing) {
    out.push(`| ${taskTitle[task]} | analyze | not available: this build has no \`${a1.missing}\` stage | | | | | | |`);
  } else {
    for (const a of [a1, a2]) {
      const what = a.stages.startsWith('default') ? `no \`--stages\` (${a.stages})` : `\`--stages ${a.stages}\``;
      out.push(`| ${taskTitle[task]} | analyze --jobs ${a.jobs} | ${what} | ${secs(seconds(a))} | ${spread(a)} | ${secs(median(a.cpu))} | ` +
          `${int(words / seconds(a))} | | |`);
    }
  }
  const peersOfTask = results.filter((r) => r.task === task && peerName[r.tool]);
  // compromise has no sentiment: its most complete run (the full parse of the entities task) stands
  // for it in the whole-pipeline comparison.
  if (task === 'all' && peer('compromise', 'entities')) peersOfTask.push({ ...peer('compromise', 'entities'), reused: true });
  for (const p of peersOfTask) {
    const what = p.reused ? `the entities run above (\`${p.call}\`)` : `\`${p.call}\``;
    out.push(`| ${taskTitle[task]} | ${peerName[p.tool]} ${p.version} | ${what} | ${secs(seconds(p))} | ${spread(p)} | ${secs(median(p.cpu))} | ` +
        `${int(words / seconds(p))} | ${speedup(a1, p)} | ${speedup(a2, p)} |`);
  }
}
out.push('');

const all1 = analyze('all', 1), all2 = analyze('all', 2), ent1 = analyze('entities', 1);
const compromiseEntities = peer('compromise', 'entities');
out.push('Targets of issue 6:');
out.push('');
out.push(`- whole default pipeline, one thread (\`--jobs 1\`): ${int(words / seconds(all1))} words/s (target >= 500,000)`);
out.push(`- \`--jobs 2\` / \`--jobs 1\`, whole default pipeline: ${(seconds(all1) / seconds(all2)).toFixed(2)}x (target >= 1.8x)`);
if (compromiseEntities) {
  out.push(`- against compromise's entity extraction: analyze's entities (\`--jobs 1\`) ${speedup(ent1, compromiseEntities)}, ` +
      `the whole default pipeline (\`--jobs 1\`) ${speedup(all1, compromiseEntities)} (target >= 25x)`);
}
const startup = results.find((r) => r.tool === 'startup');
if (startup) {
  const ms = startup.result.times.map((t) => t * 1000);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const sd = Math.sqrt(ms.reduce((a, b) => a + (b - mean) ** 2, 0) / ms.length);
  out.push(`- one small article (\`analyze ${startup.sample}\`, ${int(startup.bytes)} bytes, ${startup.words} words, ` +
      `default stages, model loading included): median ${median(ms).toFixed(1)} ms, mean ${mean.toFixed(1)} ± ` +
      `${sd.toFixed(1)} ms, min ${Math.min(...ms).toFixed(1)} ms over ${ms.length} runs (${startup.result.method}; ` +
      'target <= 50 ms)');
}
console.log(out.join('\n'));
