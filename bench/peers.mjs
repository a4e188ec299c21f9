// The tools users would reach for instead, on the same reports as gongwen:
// AutoCorrect (npm autocorrect-node) and zhlint (npm zhlint), installed by
// bench/run.sh under OUT_DIR/node_modules.
//
//   node bench/peers.mjs OUT_DIR GONGWEN_CLI --time FILE... --cli FILE... --seeds FILE...
//                        --fixtures FILE...
//
// Prints Markdown: the time each takes on the --time reports (in process,
// after loading), against gongwen's full work timed just before and just
// after them (OUT_DIR/bench full FILE), so that the load of the machine
// weighs on both alike; the command lines on the --cli reports; what each
// flags on the seeds, and which of its changes
// damage official-document conventions, counted over the seeds (whose text is
// not reproduced) with examples from the fixtures (the project's own texts).
// gongwen's own fixes (`gongwen fix`) go through the same classification.

import { createRequire } from 'node:module';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [outArg, gongwenArg, ...rest] = process.argv.slice(2);
// Absolute: the command lines run in a directory of their own.
const outDir = resolve(outArg);
const gongwenCli = resolve(gongwenArg);
const lists = { '--time': [], '--cli': [], '--seeds': [], '--fixtures': [] };
let current = null;
for (const arg of rest) {
  if (arg in lists) current = lists[arg];
  else if (current) current.push(arg);
}

const requireHere = createRequire(join(outDir, 'peers.cjs'));
const autocorrect = requireHere('autocorrect-node');
const zhlint = await import(pathToFileURL(requireHere.resolve('zhlint')).href);
const versionOf = (name) =>
  JSON.parse(readFileSync(join(outDir, 'node_modules', name, 'package.json'), 'utf8')).version;

const tools = [
  {
    name: 'AutoCorrect',
    package: `autocorrect-node ${versionOf('autocorrect-node')}`,
    flag: (text) => autocorrect.lintFor(text, 'report.txt').lines.map(() => 'lines it would change'),
    fix: (text) => autocorrect.formatFor(text, 'report.txt'),
  },
  {
    name: 'zhlint',
    package: `zhlint ${versionOf('zhlint')}`,
    flag: (text) => zhlint.run(text, { rules: { preset: 'default' } }).validations.map((v) => v.message),
    fix: (text) => zhlint.run(text, { rules: { preset: 'default' } }).result,
  },
  {
    name: 'gongwen',
    package: 'gongwen fix / lint (this project)',
    flag: (text) => gongwen(['lint', '--no-config', '-f', 'json', '-'], text).map((f) => f.rule),
    fix: (text) => gongwen(['fix', '--no-config', '-'], text),
  },
];

function gongwen(args, text) {
  let out;
  try {
    out = execFileSync(gongwenCli, args, { input: text, maxBuffer: 1 << 28 }).toString('utf8');
  } catch (e) {
    if (e.status !== 1) throw e; // 1: lint found faults
    out = e.stdout.toString('utf8');
  }
  return args[0] === 'lint' ? JSON.parse(out) : out;
}

// --- timing -------------------------------------------------------------

function measure(run, minRuns, minMs, warmUp = true) {
  if (warmUp) run();
  const times = [];
  let total = 0;
  while (times.length < minRuns || total < minMs) {
    const t0 = performance.now();
    run();
    const ms = performance.now() - t0;
    times.push(ms);
    total += ms;
  }
  times.sort((a, b) => a - b);
  const n = times.length;
  const median = n % 2 ? times[(n - 1) / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
  return { median, min: times[0], max: times[n - 1], runs: n };
}

const formatMs = (s) => `${s.median.toFixed(1)} ms (${s.min.toFixed(1)}–${s.max.toFixed(1)})`;

// The lines that bench/run.sh gathers at the top of RESULTS.md.
const summaryLines = [];

// gongwen's full work on `file`: the median, minimum and maximum in ms.
function gongwenFull(file) {
  const out = execFileSync(join(outDir, 'bench'), ['full', file]).toString('utf8');
  const [median, min, max] = out.trim().split(/\s+/).map(Number);
  return { median, min, max };
}

function timing() {
  console.log('### Against AutoCorrect and zhlint: time\n');
  console.log(
    'Each tool in its own process after loading (node ' + process.version + '), on the same ' +
      'reports as above; median (min–max) of the runs. AutoCorrect `lintFor` gives the lines ' +
      'it would change and `formatFor` the changed text; zhlint `run` gives both at once. ' +
      '`gongwen full` is `gw_document_new` + `gw_lint` as in the throughput table (structure, ' +
      'pairs and sixteen rules, where the others only space and punctuate), timed just before ' +
      'and just after the others on the same report; the ratio is to the mean of the two medians.\n'
  );
  console.log('| report | tool | runs | time | MB/s | × gongwen full |');
  console.log('|---|---|---|---|---|---|');
  const cases = [
    ['AutoCorrect lintFor', (t) => autocorrect.lintFor(t, 'report.txt')],
    ['AutoCorrect formatFor', (t) => autocorrect.formatFor(t, 'report.txt')],
    ['zhlint run', (t) => zhlint.run(t, { rules: { preset: 'default' } })],
  ];
  for (const file of lists['--time']) {
    const ratios = [];
    const text = readFileSync(file, 'utf8');
    const bytes = Buffer.byteLength(text);
    const label = bytes >= 512 * 1024 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
    process.stderr.write(`bench: gongwen full on ${basename(file)}\n`);
    const before = gongwenFull(file);
    const results = cases.map(([name, run]) => {
      process.stderr.write(`bench: ${name} on ${basename(file)}\n`);
      return [name, measure(() => run(text), 3, 1000)];
    });
    const after = gongwenFull(file);
    const ours = (before.median + after.median) / 2;
    for (const [when, s] of [['before', before], ['after', after]]) {
      const rate = bytes / 1048576 / (s.median / 1e3);
      console.log(`| ${label} | gongwen full, ${when} | | ${formatMs(s)} | ${rate.toFixed(1)} | ${(s.median / ours).toFixed(2)}× |`);
    }
    for (const [name, s] of results) {
      const rate = bytes / 1048576 / (s.median / 1e3);
      const ratio = `${(s.median / ours).toFixed(2)}×`;
      console.log(`| ${label} | ${name} | ${s.runs} | ${formatMs(s)} | ${rate.toFixed(1)} | ${ratio} |`);
      ratios.push(`${name} **${ratio}**`);
    }
    if (ours) {
      summaryLines.push(
        `- against AutoCorrect and zhlint, ${label}: their time as a multiple of gongwen full's ` +
          `(${ours.toFixed(1)} ms): ${ratios.join(', ')}`
      );
    }
  }
  console.log();
}

// The command lines, whole processes: start, read, check, print (to
// /dev/null).  What a user waits for at a shell or from an editor's job.
function commandLines() {
  const bin = (name) => join(outDir, 'node_modules', '.bin', name);
  const commands = [
    ['gongwen lint', gongwenCli, ['lint', '--no-config']],
    ['autocorrect --lint', bin('autocorrect'), ['--lint']],
    ['zhlint', bin('zhlint'), []],
  ];
  console.log('### Against AutoCorrect and zhlint: the command lines\n');
  console.log(
    'Each command as a process of its own on the report, its output discarded: ' +
      '`gongwen lint --no-config FILE`, `autocorrect --lint FILE` (autocorrect-node\'s command) ' +
      'and `zhlint FILE`, in a directory of their own; median (min–max) of the runs (one run of ' +
      'zhlint on the 1 MB report: it takes tens of seconds).\n'
  );
  console.log('| report | command | runs | time | × gongwen lint |');
  console.log('|---|---|---|---|---|');
  // Each report is copied to a directory outside the repository: autocorrect
  // skips the files that a .gitignore above them names (build/ is one).
  const dir = mkdtempSync(join(tmpdir(), 'gongwen-bench-'));
  try {
    for (const file of lists['--cli']) {
      const bytes = readFileSync(file).length;
      const label = bytes >= 512 * 1024 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
      const copy = basename(file);
      copyFileSync(file, join(dir, copy));
      let ours = null;
      const ratios = [];
      for (const [name, command, args] of commands) {
        process.stderr.write(`bench: ${name} ${copy}\n`);
        const run = () => {
          const r = spawnSync(command, [...args, copy], { cwd: dir, stdio: 'ignore' });
          // Every report has findings for every tool: status 0 means it read nothing.
          if (r.error || r.status !== 1) throw new Error(`${name} ${copy}: ${r.error ?? `status ${r.status}`}`);
        };
        // zhlint takes tens of seconds on 1 MB: one run there.
        const s = name === 'zhlint' && bytes > 512 * 1024 ? measure(run, 1, 0, false) : measure(run, 3, 1000);
        ours ??= s.median;
        const ratio = `${(s.median / ours).toFixed(2)}×`;
        console.log(`| ${label} | ${name} | ${s.runs} | ${formatMs(s)} | ${ratio} |`);
        if (name !== 'gongwen lint') ratios.push(`${name} **${ratio}**`);
      }
      summaryLines.push(
        `- against AutoCorrect and zhlint, ${label}, command lines: their time as a multiple of ` +
          `\`gongwen lint\`'s (${ours.toFixed(1)} ms): ${ratios.join(', ')}`
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log();
}

// --- what the changes do --------------------------------------------------

const HAN = /\p{Script=Han}/u;
const DIGIT = /[0-9０-９%％]/;
const LATIN = /[A-Za-zＡ-Ｚａ-ｚ]/;
const FULL_PUNCT = /[，。、；：？！“”‘’（）《》【】—…·「」『』〔〕]/;
const HALF_PUNCT = /[,.;:?!"'()<>\[\]\-+]/;
const SPACE = /^[ \t\u00a0\u3000]+$/;
// A GB/T 9704 heading marker at the start of a line (after indentation).
const MARKER =
  /^[ \t\u3000]*(?:[（(][一二三四五六七八九十百零〇]+[）)][、，,.．]?|[一二三四五六七八九十百]+[、.．，,]|[0-9０-９]+[.．、](?![0-9０-９])|[（(][0-9０-９]+[）)][、，,.．]?|[①-⑳][、，,.．]?)/;

// [key, label, short label, damaging]
const CATEGORIES = [
  ['marker', 'heading marker changed away from the standard form (`（一）` → `(一）`, `1.` → `1. `)', 'marker', true],
  ['date', 'space put into a date or year (`2023 年`, `于 2025 年`, `12 月`)', 'date or year', true],
  ['number', 'space put between a number and Chinese text (`3 次`, `会议 3`, `1.5 万元`)', 'number', true],
  ['latin', 'space put between Chinese and Latin letters', 'Latin letters', true],
  ['punct-space', 'space put next to punctuation, brackets or quotes (`“`, `(`)', 'punctuation', true],
  ['full-to-half', 'full-width punctuation made half-width', 'full → half width', true],
  ['indent', 'full-width (U+3000) indentation or spacing removed or made half-width', 'U+3000', true],
  ['marker-fixed', 'heading marker made standard (`一.` → `一、`, `(一)` → `（一）`)', 'marker made standard', false],
  ['renumbered', 'heading renumbered, its marker standard before and after (`（四）` → `（三）`)', 'renumbered', false],
  ['half-to-full', 'half-width punctuation made full-width (what GB/T 15834 asks)', 'half → full width', false],
  ['space-removed', 'space removed', 'space removed', false],
  ['pinyin', 'pinyin annotation removed (`鎮(zhèn)` → `鎮`, web-page residue)', 'pinyin', false],
  ['lines', 'lines removed or added (web residue, bylines)', 'lines', false],
  ['other', 'other changes', 'other', false],
];

// Code points of a string.
const chars = (s) => Array.from(s);

// Hunks turning line a into line b: {at, del, ins} over code points of a.
function hunks(a, b) {
  const x = chars(a), y = chars(b);
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let endX = x.length, endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) { endX--; endY--; }
  const n = endX - start, m = endY - start;
  // Longest common subsequence of the differing middles.
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i][j] = x[start + i] === y[start + j]
        ? table[i + 1][j + 1] + 1
        : Math.max(table[i + 1][j], table[i][j + 1]);
  const out = [];
  let i = 0, j = 0, open = null;
  const flush = () => { if (open) out.push(open); open = null; };
  while (i < n || j < m) {
    if (i < n && j < m && x[start + i] === y[start + j]) { flush(); i++; j++; continue; }
    if (!open) open = { at: start + i, del: '', ins: '' };
    if (j < m && (i === n || table[i][j + 1] >= table[i + 1][j])) open.ins += y[start + j++];
    else open.del += x[start + i++];
  }
  flush();
  return out.map((h) => ({ ...h, line: x, after: b }));
}

// The standard forms of GB/T 9704 markers, indentation removed.
const STANDARD_MARKER = /^(?:[一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|[0-9]+\.|（[0-9]+）|[①-⑳])$/;
const bareMarker = (m) => m.replace(/^[ \t\u3000]+/, '');

function classify(h) {
  const line = h.line;
  const marker = MARKER.exec(line.join(''));
  if (marker && h.at <= chars(marker[0]).length) {
    // Standard afterwards (and not followed by an added space) is a fix.
    const after = MARKER.exec(h.after);
    const next = after ? h.after.slice(after[0].length, after[0].length + 1) : '';
    const standardAfter = after && STANDARD_MARKER.test(bareMarker(after[0])) && !SPACE.test(next);
    if (!standardAfter) return 'marker';
    return STANDARD_MARKER.test(bareMarker(marker[0])) ? 'renumbered' : 'marker-fixed';
  }
  const left = line[h.at - 1] ?? '', right = line[h.at + chars(h.del).length] ?? '';
  if (!h.del && SPACE.test(h.ins)) {
    const sides = left + right;
    if (DIGIT.test(left) && HAN.test(right)) return /[年月日]/.test(right) ? 'date' : 'number';
    if (HAN.test(left) && DIGIT.test(right)) {
      // The unit after the number: 于 2025年 is a year.
      let k = h.at;
      while (k < line.length && /[0-9０-９.．]/.test(line[k])) k++;
      return /[年月日]/.test(line[k] ?? '') ? 'date' : 'number';
    }
    if ((LATIN.test(left) && HAN.test(right)) || (HAN.test(left) && LATIN.test(right))) return 'latin';
    if ([left, right].some((c) => FULL_PUNCT.test(c) || HALF_PUNCT.test(c))) return 'punct-space';
    return 'other';
  }
  if (!h.ins && SPACE.test(h.del) && !h.del.includes('\u3000')) return 'space-removed';
  if (!h.ins && /^\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)$/.test(h.del)) return 'pinyin';
  if (h.del.includes('\u3000') && !h.ins.includes('\u3000')) return 'indent';
  const bare = h.ins.replace(/ /g, ''); // `（` → ` (` is still full → half
  if (h.del && bare && chars(h.del).length === chars(bare).length) {
    const d = chars(h.del), i = chars(bare);
    if (d.every((c) => FULL_PUNCT.test(c)) && i.every((c) => HALF_PUNCT.test(c))) return 'full-to-half';
    if (d.every((c) => HALF_PUNCT.test(c)) && i.every((c) => FULL_PUNCT.test(c))) return 'half-to-full';
  }
  return 'other';
}

// The share of characters two lines have in common (0 to 1).
function similarity(a, b) {
  const counts = new Map();
  for (const c of chars(a)) counts.set(c, (counts.get(c) ?? 0) + 1);
  let common = 0;
  for (const c of chars(b)) {
    const n = counts.get(c) ?? 0;
    if (n > 0) { common++; counts.set(c, n - 1); }
  }
  return common / Math.max(1, chars(a).length, chars(b).length);
}

// Pairs of changed lines between two texts (lines aligned by their longest
// common subsequence), and the count of lines only one side has.
function changedLines(before, after) {
  const a = before.split('\n'), b = after.split('\n');
  const n = a.length, m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const pairs = [];
  let unmatched = 0, i = 0, j = 0;
  let gapA = [], gapB = [];
  const closeGap = () => {
    // Lines changed in place pair up, in order, each with the most similar
    // line left on the other side; the rest were removed or added.
    let from = 0, paired = 0;
    const [few, many] = gapA.length <= gapB.length ? [gapA, gapB] : [gapB, gapA];
    for (const line of few) {
      let best = -1, bestScore = 0.3;
      for (let t = from; t < many.length; t++) {
        const score = similarity(line, many[t]);
        if (score > bestScore) { best = t; bestScore = score; }
      }
      if (best < 0) continue;
      pairs.push(few === gapA ? [line, many[best]] : [many[best], line]);
      from = best + 1;
      paired++;
    }
    unmatched += gapA.length + gapB.length - 2 * paired;
    gapA = [];
    gapB = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { closeGap(); i++; j++; }
    else if (j < m && (i === n || table[i][j + 1] >= table[i + 1][j])) gapB.push(b[j++]);
    else gapA.push(a[i++]);
  }
  closeGap();
  return { pairs, unmatched };
}

// Counts per category of the changes `tool` makes to `text`, with examples.
function changes(tool, text) {
  const counts = Object.fromEntries(CATEGORIES.map(([key]) => [key, 0]));
  const examples = {};
  const { pairs, unmatched } = changedLines(text, tool.fix(text));
  counts.lines += unmatched;
  for (const [a, b] of pairs) {
    for (const h of hunks(a, b)) {
      const kind = classify(h);
      counts[kind]++;
      if (!examples[kind]) {
        const from = Math.max(0, h.at - 6), to = Math.min(h.line.length, h.at + chars(h.del).length + 6);
        const before = h.line.slice(from, to).join('');
        const after = h.line.slice(from, h.at).join('') + h.ins + h.line.slice(h.at + chars(h.del).length, to).join('');
        examples[kind] = [before, after];
      }
    }
  }
  return { counts, examples };
}

const code = (s) => '`' + s.replace(/`/g, "'").replace(/\u3000/g, '␣').replace(/ /g, '·') + '`';

function damage() {
  const seeds = lists['--seeds'], fixtures = lists['--fixtures'];
  const texts = (files) => files.map((f) => [basename(f), readFileSync(f, 'utf8')]);
  const seedTexts = texts(seeds), fixtureTexts = texts(fixtures);
  const corpus = seedTexts.length ? seedTexts : fixtureTexts;
  const corpusName = seedTexts.length
    ? `the ${seedTexts.length} real reports in \`../shared/corpus/seeds\``
    : `the ${fixtureTexts.length} fixtures (no seeds on this machine)`;

  console.log('### Against AutoCorrect and zhlint: what they flag\n');
  console.log(`Findings on ${corpusName}, by kind (the most frequent first).\n`);
  console.log('| tool | findings | kinds |');
  console.log('|---|---|---|');
  for (const tool of tools) {
    const kinds = new Map();
    let total = 0;
    for (const [, text] of corpus) {
      for (const kind of tool.flag(text)) {
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        total++;
      }
    }
    const top = [...kinds].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([k, n]) => `${k} ${n}`);
    console.log(`| ${tool.name} (${tool.package}) | ${total} | ${top.join('; ')} |`);
  }
  console.log();

  console.log('### Against AutoCorrect and zhlint: what their fixes change\n');
  console.log(
    `Every change each tool's fix makes to ${corpusName}, split into runs of changed ` +
      'characters and sorted by what they do. The first seven kinds go against the conventions ' +
      'of official documents (GB/T 9704 markers, no spaces between numbers or Latin letters and ' +
      'Chinese, full-width punctuation and indentation); the counts are of places changed.\n'
  );
  const header = ['kind', ...tools.map((t) => t.name)];
  console.log('| ' + header.join(' | ') + ' |');
  console.log('|' + header.map(() => '---').join('|') + '|');
  const perTool = tools.map((tool) => {
    const total = Object.fromEntries(CATEGORIES.map(([key]) => [key, 0]));
    const perSeed = [];
    for (const [name, text] of corpus) {
      const { counts } = changes(tool, text);
      let damaging = 0;
      for (const [key, , , harmful] of CATEGORIES) {
        total[key] += counts[key];
        if (harmful) damaging += counts[key];
      }
      perSeed.push([name, damaging]);
    }
    return { total, perSeed };
  });
  for (const [key, label, , harmful] of CATEGORIES) {
    const cells = perTool.map((t) => (harmful && t.total[key] ? `**${t.total[key]}**` : `${t.total[key]}`));
    console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
  const damaging = perTool.map((t) => CATEGORIES.filter((c) => c[3]).reduce((s, [k]) => s + t.total[k], 0));
  console.log(`| **damaging, in all** | ${damaging.map((n) => `**${n}**`).join(' | ')} |`);
  summaryLines.push(
    `- against AutoCorrect and zhlint: changes that damage official-document conventions on ${corpusName}: ` +
      tools.map((t, k) => `${t.name} **${damaging[k]}**`).join(', ')
  );
  for (let s = 0; s < corpus.length; s++) {
    console.log(`| damaging in ${corpus[s][0]} | ${perTool.map((t) => t.perSeed[s][1]).join(' | ')} |`);
  }
  console.log();

  console.log(
    'Examples on the fixtures (the project\'s own sample reports; `·` is a space, `␣` U+3000): ' +
      'the first change of each damaging kind each tool makes.\n'
  );
  console.log('| tool | kind | before | after |');
  console.log('|---|---|---|---|');
  for (const tool of tools) {
    const seen = {};
    for (const [, text] of fixtureTexts) {
      const { examples } = changes(tool, text);
      for (const [key, , short, harmful] of CATEGORIES) {
        if (harmful && examples[key] && !seen[key]) seen[key] = [short, ...examples[key]];
      }
    }
    for (const [key] of CATEGORIES) {
      if (seen[key]) {
        const [label, before, after] = seen[key];
        console.log(`| ${tool.name} | ${label} | ${code(before)} | ${code(after)} |`);
      }
    }
  }
  console.log();
}

timing();
commandLines();
damage();
console.log('### Against AutoCorrect and zhlint: summary\n');
for (const line of summaryLines) console.log(line);
console.log();
