#!/usr/bin/env bash
# Pathological scaling: a stage's time per MB on one article made of many items, at four sizes.
# The time per MB must stay roughly flat as the article grows; a stage that compares every item
# with every other shows it at once. The cases:
#   rare-words  N distinct words the keyphrase background never saw, each after "the" or "to", so
#               the keyphrases stage votes on every one (N = 25k..200k; it was quadratic while the
#               votes sat in a list searched word by word)
#   names       N sentences of distinct person and place names, "Xxxxxxx Yyyyyyy met ... in
#               Zzzzzzz." (N = 5k..40k), for the entities stage (its linker compared every pair of
#               names until it indexed them by word)
#   places      N sentences naming two places each, "Officials in Xxxx met traders from Yyyy.",
#               drawn from the cities and capitals of data/gazetteers/ (N = 5k..40k), for the
#               entities stage's place resolver (every place votes for where the article is, and
#               each is scored against the sum of the votes)
#   long-sentence  one sentence of N common words with no full stop, "but", "may" and "said"
#               among them (N = 25k..200k), for the stance stage (its sentiment rules rewrote the
#               rest of the clause at every hedge, the whole sentence at every contrast or
#               attribution cue)
#   numbers     one paragraph of N numbers, amounts, percentages and ranges ("12% 13 apples £14bn
#               15-16 tonnes ...", N = 25k..200k), for the quantities stage (its scanner must read
#               each byte a bounded number of times, also after a number that makes no quantity)
#   html        one web page of N blocks: article paragraphs with character references, each in
#               its own nest of <div>s, between link lists and share bars (N = 5k..40k), read with
#               --input-format html (parsing, the extractor's scoring and widening, metadata);
#               timed as the whole binary's run (normalize + segment), not with bench-pipeline
#   short-quotes  one paragraph of N short direct quotes, "“Yes,” he said." (N = 2.5k..20k), for the
#               quotes stage (each quote looks for its cue a bounded number of tokens away, and
#               the tagger decodes the whole paragraph as one sequence)
#   unclosed-quote  an opening quotation mark at the start of one paragraph of N sentences of
#               reported speech that it never closes (N = 6k..48k, 0.4..3 MB), for the quotes stage
#
#   layout      one paragraph of N items of web and e-mail layout and list items ("http://a.org/1
#               http://b.org/1 Kay Mann 03/15/2001 04:03 PM Thanks, Anne a. The item b. The next
#               . . . and", N = 25k..200k), for the segment stage (the layout boundaries and the
#               list markers look a bounded number of tokens around each token)
#
#   dates       one sentence of N time expressions and verbs ("said on Tuesday, will meet on
#               Friday, last year, Aug. 7, 1998, 5 p.m. EST, three days ago ...", N = 25k..200k), for
#               the dates stage (a bare weekday takes the tense of the nearest verb of its sentence:
#               the search for it must not rescan the sentence at every weekday)
#
#   bench/pathological-scaling.sh [--build build] [--case NAME]   (default: every case)
#
# Needs python3 and a Release build with bench-pipeline. Exit status 1 when, in a case, the time
# per MB at the largest size is more than 6 times that at the smallest: over an eightfold size,
# linear work gives 1-4 (larger tables miss the caches more, and the smallest size's time is short
# and noisy), quadratic work 8 and more. A stage under 50 ms at the largest size passes as it is.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build="$here/build"
cases="rare-words names places long-sentence numbers dates html short-quotes unclosed-quote layout"
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --case) cases=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

generate() {  # CASE N FILE
  python3 - "$@" "$here/data/gazetteers" <<'PY'
import os, random, string, sys
case, n, out, gazetteers = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
random.seed(n)
word = lambda k: "".join(random.choice(string.ascii_lowercase) for _ in range(k))
if case == "rare-words":
    words = sorted({word(10) for _ in range(n)})
    text = " ".join(f"The {w} went {'to' if i % 2 else 'past the'} {w}k." for i, w in enumerate(words))
elif case == "places":
    places = []
    for name in ("40-capitals.tsv", "50-cities.tsv"):
        with open(os.path.join(gazetteers, name), encoding="utf-8") as f:
            places += [line.split("\t")[0] for line in f if not line.startswith("#") and line[:1].isupper()]
    text = " ".join(f"Officials in {random.choice(places)} met traders from {random.choice(places)}." for _ in range(n))
elif case == "numbers":
    forms = ["{}%", "{} apples", "£{}bn", "{}-{} tonnes", "${},{:03d}", "{} per cent", "between {} and {}%"]
    text = " ".join(forms[i % len(forms)].format(i, i % 1000) for i in range(n)) + "."
elif case == "html":
    blocks = []
    for i in range(n):
        if i % 5 == 4:
            blocks.append('<ul class="related">' + "".join(f'<li><a href="/{i}/{k}">Teaser {word(6)}</a></li>' for k in range(4)) + "</ul>")
        else:
            blocks.append(f'<div class="wrap"><div><div><p>Paragraph {i} in S&#227;o {word(8).capitalize()}, with commas, '
                          f'clauses and a <a href="/x">link</a> &amp; more words here.</p></div></div></div>')
    text = ("<html lang=\"en\"><head><title>Pathological page</title></head><body><nav>" +
            "".join(f'<a href="/{k}">Nav {k}</a>' for k in range(50)) + "</nav><article>" + "".join(blocks) + "</article></body></html>")
elif case == "dates":
    forms = ["said on Tuesday", "will meet on Friday", "last year", "Aug. {}, 1998", "{} p.m. EST", "{} days ago",
             "the third quarter", "in May", "two-year", "daily"]
    text = ", ".join(forms[i % len(forms)].format(i % 12 + 1) for i in range(n)) + "."
elif case == "layout":
    forms = ["http://a.org/{0} http://b.org/{0}", "Kay Mann 03/15/2001 04:{1:02d} PM", "Thanks, Anne", "a. The item {0}",
             "b. The next {0}", "I waited . . . and", "Yahoo! said {0}", "at 5 p.m. Friday", "Albert I. Jones"]
    text = " ".join(forms[i % len(forms)].format(i, i % 60) for i in range(n)) + "."
elif case == "long-sentence":
    common = "the government said prices may rise sharply but workers protested in the city while officials warned".split()
    text = " ".join(random.choice(common) for _ in range(n)) + "."
elif case == "short-quotes":
    text = " ".join("\u201cYes,\u201d he said." for _ in range(n))
elif case == "unclosed-quote":
    text = "\u201c" + " ".join(f"Officials said prices rose {i} times, according to the ministry." for i in range(n))
else:
    name = lambda: word(7).capitalize()
    text = " ".join(f"{name()} {name()} met {name()} {name()} in {name()}." for _ in range(n))
open(out, "w").write(text)
PY
}

status=0
for case in $cases; do
  base_set=normalize,segment
  case "$case" in
    rare-words) stage=keyphrases; sizes="25000 50000 100000 200000" ;;
    names | places) stage=entities; sizes="5000 10000 20000 40000" ;;
    long-sentence) stage=stance; base_set=normalize,segment,entities; sizes="25000 50000 100000 200000" ;;
    numbers) stage=quantities; sizes="25000 50000 100000 200000" ;;
    html) stage="html input"; sizes="5000 10000 20000 40000" ;;
    short-quotes) stage=quotes; base_set=normalize,segment,entities; sizes="2500 5000 10000 20000" ;;
    unclosed-quote) stage=quotes; base_set=normalize,segment,entities; sizes="6000 12000 24000 48000" ;;
    dates) stage=dates; sizes="25000 50000 100000 200000" ;;
    layout) stage=segment; base_set=normalize; sizes="25000 50000 100000 200000" ;;
  esac
  echo "== $case ($stage)"
  first=""
  for n in $sizes; do
    generate "$case" "$n" "$tmp/$n.txt"
    mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) / 1e6)" "$tmp/$n.txt")
    if [ "$case" = html ]; then
      read -r base with < <(python3 - "$build/analyze" "$tmp/$n.txt" <<'PY'
import statistics, subprocess, sys, time
def run():
    start = time.perf_counter()
    subprocess.run([sys.argv[1], "--input-format", "html", "--stages", "normalize,segment", "-j", "1", "-f", "jsonl",
                    "--max-article-size", "100", sys.argv[2]], stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start
print(0, statistics.median(run() for _ in range(3)))
PY
)
    else
    read -r base with < <("$build/bench-pipeline" --runs 3 --max-mb 100 --set "$base_set" \
        --set "$base_set,$stage" "$tmp/$n.txt" 2>/dev/null |
      awk -v a_set="$base_set" -v b_set="$base_set,$stage" '$1 == a_set {a = $2} $1 == b_set {b = $2} END {print a, b}')
    fi
    read -r seconds per_mb < <(python3 -c "import sys; b, w, mb = map(float, sys.argv[1:]); print(f'{w - b:.3f} {(w - b) / mb:.4f}')" "$base" "$with" "$mb")
    printf "%7d items  %5.2f MB  %s %s s  (%s s per MB)\n" "$n" "$mb" "$stage" "$seconds" "$per_mb"
    [ -z "$first" ] && first=$per_mb
    last=$per_mb
    last_seconds=$seconds
  done
  # Under 50 ms at the largest size, the difference of two timings is mostly noise, and a
  # quadratic stage would take seconds there.
  if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 0.05 else 1)" "$last_seconds"; then
    echo "under 50 ms at the largest size: linear"
    continue
  fi
  ratio=$(python3 -c "import sys; print(f'{float(sys.argv[2]) / max(float(sys.argv[1]), 1e-9):.2f}')" "$first" "$last")
  echo "time per MB, largest / smallest: ${ratio}x"
  python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) <= 6 else 1)" "$ratio" || status=1
done
exit $status
