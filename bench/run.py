"""`make bench`: speed and memory of `kg run` against bare spaCy, as ratios.

Measures, each as its own process (wall clock, peak RSS of the whole process tree sampled every 50 ms):

1. bare spaCy: the same model restricted to tok2vec + ner + senter, `nlp.pipe` over the same texts that
   `kg` extracts (the kept article bodies), in one process;
2. `kg run --workers 1`, cold (empty cache), end to end: start-up, ingest, extract, resolve, graph, exports;
3. `kg run --workers 2`, cold;
4. a warm re-run (same cache, nothing changed);
5. a re-run after adding 1% new articles;
6. peak memory for N and for 4N articles (cold, --workers 1).

7. one long document: ~1 MB of real prose in one article (the gum-dev documents of ../shared, concatenated
   and repeated up to BENCH_LONG_CHARS, default 1,000,000; generated text when ../shared is missing):
   `kg run --workers 1` against bare spaCy over the same text (cut into the same 100,000-character
   segments `kg` hands to spaCy), so a step that grows faster than the text shows up here.

Corpus: BENCH_CORPUS=folder, else a generated one of BENCH_N articles (default 2000, ~1M words).
Set BENCH_SKIP_4N=1 to skip the (slow) 4N memory run; BENCH_ONLY=long runs the long document alone
(about three minutes), BENCH_ONLY=corpus everything but it.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = (
    [sys.executable, "-m", "pipeline.cli"]
    if not (Path(sys.executable).parent / "kg").exists()
    else [str(Path(sys.executable).parent / "kg")]
)
sys.path.insert(0, str(ROOT / "bench"))

import corpus as corpus_generator  # noqa: E402

BARE = r"""
import json, sys, time
started = time.perf_counter()
import spacy
texts = json.load(open(sys.argv[2], encoding="utf-8"))
keep = {"tok2vec", "ner", "senter"}
nlp = spacy.load(sys.argv[1], exclude=[n for n in spacy.load(sys.argv[1]).component_names if n not in keep])
if "senter" in nlp.disabled:
    nlp.enable_pipe("senter")
loaded = time.perf_counter()
words = 0
for doc in nlp.pipe(texts):
    words += len(doc)
done = time.perf_counter()
print(json.dumps({"pipe": done - loaded, "total": done - started, "tokens": words, "pipes": nlp.pipe_names}))
"""


def measure(command: list[str], *, env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak RSS of the process tree in MB, stdout) of one command."""
    import psutil

    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            root = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        while not stop.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()) / 1e6)
            except psutil.Error:
                pass
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    stop.set()
    sampler.join()
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"command failed ({process.returncode}): {' '.join(command)}\n{stderr}")
    return elapsed, peak, stdout


def kg_run(inputs: Path, out: Path, cache: Path, *, workers: int) -> tuple[float, float]:
    command = [
        *KG,
        "run",
        str(inputs),
        "--out",
        str(out),
        "--cache",
        str(cache),
        "--workers",
        str(workers),
        "--quiet",
        "--force",
    ]
    seconds, peak, _ = measure(command)
    return seconds, peak


def kept_texts(inputs: Path) -> list[str]:
    from pipeline.dedup import deduplicate
    from pipeline.ingest import ingest

    return [a.body for a in deduplicate(ingest([inputs]).articles) if a.kept]


GUM_DOCS = ROOT.parent / "shared" / "corpora" / "gum-dev" / "docs"
LONG_CHARS = 1_000_000


def long_document(target: int) -> tuple[str, str]:
    """(text, where it came from): real prose of about ``target`` characters as one article body."""
    if GUM_DOCS.is_dir():
        bodies = []
        for path in sorted(GUM_DOCS.glob("*.txt")):
            lines = path.read_text(encoding="utf-8").split("\n")
            bodies.append("\n".join(lines[1:]).strip())  # the first line is the title
        origin = f"the {len(bodies)} gum-dev documents of {GUM_DOCS}, concatenated"
    else:
        with tempfile.TemporaryDirectory() as folder:
            corpus_generator.generate(Path(folder), articles=max(1, target // 3000))
            bodies = kept_texts(Path(folder))
        origin = "generated news text (../shared is missing)"
    text = "\n\n".join(bodies)
    repeats = -(-target // len(text))
    if repeats > 1:  # repeated, then cut at the last paragraph break before the target length
        text = "\n\n".join([text] * repeats)
        text = text[: text.rfind("\n\n", 0, target)]
        origin += f", repeated up to {target:,} characters"
    return text, origin


def segments(text: str, limit: int) -> list[str]:
    """The text cut at paragraph breaks into pieces of at most ``limit`` characters, as `kg` cuts it."""
    pieces, current, size = [], [], 0
    for paragraph in text.split("\n\n"):
        if current and size + len(paragraph) + 2 > limit:
            pieces.append("\n\n".join(current))
            current, size = [], 0
        current.append(paragraph)
        size += len(paragraph) + 2
    pieces.append("\n\n".join(current))
    return pieces


def bench_long_document(work: Path, model: str) -> None:
    from pipeline.extract.passes import SEGMENT_CHARS

    target = int(os.environ.get("BENCH_LONG_CHARS") or LONG_CHARS)
    text, origin = long_document(target)
    print(f"Long document: one article of {len(text):,} characters, {len(text.split()):,} words ({origin})")
    source = work / "long.jsonl"
    source.write_text(json.dumps({"title": "Long document", "text": text}) + "\n", encoding="utf-8")
    texts_file = work / "long_texts.json"
    texts_file.write_text(json.dumps(segments(text, SEGMENT_CHARS)), encoding="utf-8")
    bare_wall, bare_peak, out = measure([sys.executable, "-c", BARE, model, str(texts_file)])
    bare = json.loads(out)
    print(
        f"  bare spaCy {bare['pipes']}: pipe {bare['pipe']:.1f}s, process {bare_wall:.1f}s, peak {bare_peak:.0f} MB"
    )
    out_dir = work / "long_out"
    command = [*KG, "run", str(source), "--out", str(out_dir), "--no-cache", "--quiet", "--force"]
    seconds, peak, _ = measure(command)
    timings = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8")).get("timings", {})
    stages = ", ".join(f"{stage} {value:.1f}s" for stage, value in timings.items())
    print(f"  kg run --workers 1: {seconds:.1f}s, peak {peak:.0f} MB ({stages})")
    print("\nRatio                                              value   target")
    print(f"{'long document: kg vs bare nlp.pipe (speed)':<50} {bare['pipe'] / seconds:6.2f}   >= 0.67")
    print(f"{'  same, vs bare process incl. start-up and load':<50} {bare_wall / seconds:6.2f}")


def main() -> None:
    from pipeline.config import default_model

    model = default_model()
    only = os.environ.get("BENCH_ONLY", "")
    if only not in {"", "long", "corpus"}:
        raise SystemExit(f"BENCH_ONLY={only!r}: expected long or corpus")
    if only == "long":
        work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
        try:
            print(
                f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, model {model}"
            )
            bench_long_document(work, model)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return
    n = int(os.environ.get("BENCH_N", "2000"))
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        if os.environ.get("BENCH_CORPUS"):
            inputs = Path(os.environ["BENCH_CORPUS"])
            n = len(kept_texts(inputs))
        else:
            inputs = work / "corpus"
            corpus_generator.generate(inputs, articles=n)
        texts = kept_texts(inputs)
        words = sum(len(t.split()) for t in texts)
        print(f"Corpus: {len(texts)} articles, {words:,} words ({inputs})")
        print(
            f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, model {model}"
        )
        texts_file = work / "texts.json"
        texts_file.write_text(json.dumps(texts), encoding="utf-8")

        bare_wall, bare_peak, out = measure([sys.executable, "-c", BARE, model, str(texts_file)])
        bare = json.loads(out)
        print(
            f"  bare spaCy {bare['pipes']}: pipe {bare['pipe']:.1f}s, process {bare_wall:.1f}s, peak {bare_peak:.0f} MB"
        )

        cold1, peak1 = kg_run(inputs, work / "out1", work / "cache1", workers=1)
        print(f"  kg run --workers 1, cold: {cold1:.1f}s, peak {peak1:.0f} MB")
        cold2, peak2 = kg_run(inputs, work / "out2", work / "cache2", workers=2)
        print(f"  kg run --workers 2, cold: {cold2:.1f}s, peak {peak2:.0f} MB")
        warm, _ = kg_run(inputs, work / "out3", work / "cache1", workers=1)
        print(f"  kg run, warm re-run: {warm:.1f}s")
        grown = work / "grown"
        shutil.copytree(inputs, grown)
        extra = max(1, n // 100)
        corpus_generator.generate(grown / "added", articles=extra, start=10_000_000)
        plus, _ = kg_run(grown, work / "out4", work / "cache1", workers=1)
        print(f"  kg run after adding {extra} articles (1%): {plus:.1f}s")
        identical = all(
            (work / "out1" / name).read_bytes() == (work / "out3" / name).read_bytes()
            for name in ("nodes.csv", "edges.csv", "mentions.csv", "numbers.csv", "graph.graphml")
        )

        big_peak = None
        if not os.environ.get("BENCH_SKIP_4N"):
            big = work / "corpus4"
            corpus_generator.generate(big, articles=4 * n)
            big_seconds, big_peak = kg_run(big, work / "out5", work / "cache5", workers=1)
            print(
                f"  kg run on {4 * n} articles (4N), cold --workers 1: {big_seconds:.1f}s, peak {big_peak:.0f} MB"
            )

        rows = [
            ("end to end --workers 1 vs bare nlp.pipe (speed)", bare["pipe"] / cold1, ">= 0.85 (goal 0.95)"),
            ("  same, vs bare process incl. start-up and load", bare_wall / cold1, ""),
            ("--workers 2 vs --workers 1 (speed-up)", cold1 / cold2, ">= 1.6"),
            ("warm re-run vs cold (time)", warm / cold1, "<= 0.10"),
            ("+1% articles vs cold (time)", plus / cold1, "<= 0.15"),
        ]
        if big_peak is not None:
            rows.append(("peak memory 4N vs N (corpus x4)", big_peak / peak1, "far below 4"))
        print("\nRatio                                              value   target")
        for name, value, target in rows:
            print(f"{name:<50} {value:6.2f}   {target}")
        print(f"\nWarm re-run files byte-identical to the cold run: {'yes' if identical else 'NO'}")
        print(f"Throughput: kg {words / cold1:,.0f} words/s (workers 1), {words / cold2:,.0f} words/s (workers 2); "
              f"bare spaCy {words / bare['pipe']:,.0f} words/s")  # fmt: skip
        if only != "corpus":
            print()
            bench_long_document(work, model)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
