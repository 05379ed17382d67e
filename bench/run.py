"""`make bench`: speed and memory of `kg run` against bare spaCy, as ratios.

Every figure is a ratio to bare spaCy on the same texts: the same model restricted to tok2vec + ner +
senter, `nlp.pipe` over the article bodies `kg` extracts, model loaded (the load is not counted). Each
command runs as its own process (wall clock, peak memory of the process tree sampled every 50 ms: the
root's RSS and its children's unique pages).

1. **Real text** (the targets): the gum-dev documents of ../shared (when present), the Lee corpus of real
   ABC news at ../corpora/lee/lee.jsonl or BENCH_LEE=file (when present; never committed), and
   BENCH_CORPUS=folder or file. For each: bare spaCy, `kg run --workers 1` cold (empty cache), `--workers 2`
   cold, and a warm re-run into the same folder (nothing changed), best of BENCH_REPEATS (default 3).
2. **Generated corpus** (`bench/corpus.py`, BENCH_N articles, default 2000): the same figures once, a re-run
   after adding 1% new articles, and peak memory for N and 4N articles (BENCH_SKIP_4N=1 skips 4N).
3. **One long document**: ~1 MB of real prose in one article (the gum-dev documents, concatenated and
   repeated up to BENCH_LONG_CHARS, default 1,000,000; generated text when ../shared is missing), against
   bare spaCy over the same 100,000-character segments `kg` hands to spaCy.

BENCH_ONLY=real|generated|long runs one part. BENCH_PROFILE=1 also prints a cProfile of one cold
`kg run --workers 1` on the first real corpus (top functions by cumulative and by own time).
"""

from __future__ import annotations

import contextlib
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
if "numpy" in sys.argv[3:]:  # matrix products by numpy's BLAS, as kg loads the model
    from thinc.api import use_ops
    ops = use_ops("numpy", use_blis=False)
else:
    import contextlib
    ops = contextlib.nullcontext()
with ops:
    nlp = spacy.load(sys.argv[1], exclude=[n for n in spacy.load(sys.argv[1]).component_names if n not in keep])
if "senter" in nlp.disabled:
    nlp.enable_pipe("senter")
if "2" not in sys.argv[3:]:
    loaded, cpu = time.perf_counter(), time.process_time()
    words = 0
    for doc in nlp.pipe(texts):
        words += len(doc)
    done = time.perf_counter()
    result = {"pipe": done - loaded, "pipe_cpu": time.process_time() - cpu, "total": done - started,
              "tokens": words, "pipes": nlp.pipe_names}
else:  # the same texts in two processes forked with the model loaded, as kg's workers are
    import os
    forked = time.perf_counter()
    children = []
    for half in (texts[0::2], texts[1::2]):
        child = os.fork()
        if child == 0:
            for doc in nlp.pipe(half):
                pass
            os._exit(0)
        children.append(child)
    for child in children:
        os.waitpid(child, 0)
    result = {"pipe2": time.perf_counter() - forked}
print(json.dumps(result))
"""


#: CPU seconds (user + system) of the last measured command and every process it waited for: on a shared
#: machine, wall clock time also counts the other users' work; CPU time mostly does not.
LAST_CPU = [0.0]


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(command: list[str], *, env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak memory of the process tree in MB, stdout) of one command; its CPU time goes in
    :data:`LAST_CPU`."""
    import psutil

    cpu = _children_cpu()
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
        tree_memory = _TreeMemory(root)
        while not stop.is_set():
            with contextlib.suppress(psutil.Error):
                peak = max(peak, tree_memory() / 1e6)
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    stop.set()
    sampler.join()
    elapsed = time.perf_counter() - started
    LAST_CPU[0] = _children_cpu() - cpu
    if process.returncode != 0:
        raise SystemExit(f"command failed ({process.returncode}): {' '.join(command)}\n{stderr}")
    return elapsed, peak, stdout


class _TreeMemory:
    """Bytes a process tree holds: the root's RSS and each child's unique pages. A forked child shares
    its parent's pages until either writes them, so adding the children's RSS would count those pages
    twice (a run forking a helper near its end measured 940 MB for 557). A child's unique pages take
    the kernel a page-table walk to count (about 8 ms for a worker holding the model), so they are
    counted every :data:`CHILD_EVERY` seconds only: at every 50 ms sample, the walks of three children
    took half a core from the two-worker run being measured."""

    CHILD_EVERY = 0.5

    def __init__(self, root: psutil.Process) -> None:  # noqa: F821 - psutil is imported by measure()
        self.root = root
        self.unique: dict[int, int] = {}
        self.counted = 0.0

    def __call__(self) -> int:
        import psutil

        children = self.root.children(recursive=True)
        if time.perf_counter() - self.counted >= self.CHILD_EVERY:
            self.counted = time.perf_counter()
            for child in children:
                try:
                    self.unique[child.pid] = child.memory_full_info().uss
                except (psutil.AccessDenied, AttributeError):
                    self.unique[child.pid] = child.memory_info().rss
        return self.root.memory_info().rss + sum(self.unique.get(child.pid, 0) for child in children)


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
LEE = ROOT.parent / "corpora" / "lee" / "lee.jsonl"
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


def bench_long_document(work: Path, model: str) -> list[tuple[str, float, str]]:
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
    return [
        ("long document: kg vs bare nlp.pipe (speed)", bare["pipe"] / seconds, ">= 0.67"),
        ("long document:   same, vs bare process incl. start-up and load", bare_wall / seconds, ""),
    ]


def bare_spacy(
    texts: list[str], work: Path, model: str, *, repeats: int, two: bool = False
) -> tuple[float, float, float, dict]:
    """(best pipe seconds, best process seconds, peak MB, last output) of bare spaCy over ``texts``;
    ``two``: also the best seconds of the same texts in two forked processes (``pipe2``), and both
    again with the matrix products by numpy's BLAS, as kg loads the model (``numpy_pipe``,
    ``numpy_pipe2``; one BLAS thread per process in two)."""
    texts_file = work / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    bare_command = [sys.executable, "-c", BARE, model, str(texts_file)]
    pipes, walls, peaks, bare, cpus = [], [], [], {}, []
    seconds: dict[str, list[float]] = {"pipe2": [], "numpy_pipe": [], "numpy_pipe2": []}
    one_thread = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    for _ in range(repeats):
        wall, peak, out = measure(bare_command)
        bare = json.loads(out)
        if two:  # runs of their own: the wall time and peak above are one process's
            seconds["pipe2"].append(json.loads(measure([*bare_command, "2"])[2])["pipe2"])
            seconds["numpy_pipe"].append(json.loads(measure([*bare_command, "1", "numpy"])[2])["pipe"])
            seconds["numpy_pipe2"].append(
                json.loads(measure([*bare_command, "2", "numpy"], env=one_thread)[2])["pipe2"]
            )
        cpus.append(bare["pipe_cpu"])
        pipes.append(bare["pipe"])
        walls.append(wall)
        peaks.append(peak)
    bare["pipe_cpu"] = min(cpus)
    bare.update({key: min(values, default=0.0) for key, values in seconds.items()})
    return min(pipes), min(walls), max(peaks), bare


def outputs_of(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != "manifest.json"
    }


def bench_real(
    name: str, inputs: Path, work: Path, model: str, *, repeats: int
) -> list[tuple[str, float, str]]:
    """Bare spaCy, cold --workers 1 and 2, warm: best of ``repeats``; returns the ratio rows."""
    work = work / name
    work.mkdir(parents=True)
    texts = kept_texts(inputs)
    words = sum(len(t.split()) for t in texts)
    print(f"\n{name}: {len(texts)} articles, {words:,} words ({inputs}), best of {repeats}")
    bare_pipe, bare_wall, bare_peak, bare = bare_spacy(texts, work, model, repeats=repeats, two=True)
    print(
        f"  bare spaCy {bare['pipes']}: pipe {bare_pipe:.1f}s, process {bare_wall:.1f}s, peak {bare_peak:.0f} MB; "
        f"in two forked processes {bare['pipe2']:.1f}s"
    )
    print(
        f"  the same with numpy's BLAS for the matrix products (as kg loads it): pipe {bare['numpy_pipe']:.1f}s, "
        f"in two forked processes {bare['numpy_pipe2']:.1f}s"
    )
    colds1, colds2, warms, peaks1, peaks2, cpus1 = [], [], [], [], [], []
    identical = True
    for attempt in range(repeats):
        out, cache = work / f"out{attempt}", work / f"cache{attempt}"
        seconds, peak = kg_run(inputs, out, cache, workers=1)
        cpus1.append(LAST_CPU[0])
        colds1.append(seconds)
        peaks1.append(peak)
        cold_files = outputs_of(out)
        seconds, _ = kg_run(inputs, out, cache, workers=1)
        warms.append(seconds)
        identical = identical and outputs_of(out) == cold_files
        seconds, peak = kg_run(inputs, work / f"two{attempt}", work / f"cache2_{attempt}", workers=2)
        colds2.append(seconds)
        peaks2.append(peak)
    cold1, cold2, warm = min(colds1), min(colds2), min(warms)
    print(f"  kg run --workers 1, cold: {cold1:.1f}s (runs: {', '.join(f'{s:.1f}' for s in colds1)}), "
          f"peak {max(peaks1):.0f} MB, CPU {min(cpus1):.1f}s (bare pipe CPU {bare['pipe_cpu']:.1f}s)")  # fmt: skip
    print(f"  kg run --workers 2, cold: {cold2:.1f}s (runs: {', '.join(f'{s:.1f}' for s in colds2)}), "
          f"peak {max(peaks2):.0f} MB")  # fmt: skip
    print(f"  kg run, warm re-run (nothing changed): {warm:.2f}s; files byte-identical to the cold run: "
          f"{'yes' if identical else 'NO'}")  # fmt: skip
    print(
        f"  throughput: kg {words / cold1:,.0f} words/s (workers 1); bare spaCy {words / bare_pipe:,.0f} words/s"
    )
    return [
        (f"{name}: cold --workers 1 vs bare nlp.pipe (speed)", bare_pipe / cold1, ">= 0.90"),
        (f"{name}:   same, vs bare process incl. start-up and load", bare_wall / cold1, ""),
        (f"{name}:   same, CPU time (bare pipe / kg process tree)", bare["pipe_cpu"] / min(cpus1), ""),
        # kg multiplies matrices with numpy's BLAS (pipeline.extract.model): the same for spaCy alone
        (f"{name}:   same, vs bare with numpy's BLAS (like for like)", bare["numpy_pipe"] / cold1, ""),
        (f"{name}: warm re-run vs cold (time)", warm / cold1, "<= 0.05"),
        (f"{name}: --workers 2 vs --workers 1 (speed-up)", cold1 / cold2, ">= 1.7"),
        # what two processes gain on this machine at best: bare spaCy itself, nothing else to do
        (
            f"{name}:   bare nlp.pipe, 2 processes vs 1 (this machine's ceiling)",
            bare_pipe / bare["pipe2"],
            "",
        ),
        (f"{name}:   the same with numpy's BLAS", bare["numpy_pipe"] / bare["numpy_pipe2"], ""),
        (
            f"{name}: peak RSS --workers 1 / 2 / bare (MB)",
            max(peaks1),
            f"{max(peaks2):.0f} / {bare_peak:.0f}",
        ),
    ]


def bench_generated(work: Path, model: str) -> list[tuple[str, float, str]]:
    n = int(os.environ.get("BENCH_N", "2000"))
    work.mkdir(parents=True)
    inputs = work / "corpus"
    corpus_generator.generate(inputs, articles=n)
    texts = kept_texts(inputs)
    words = sum(len(t.split()) for t in texts)
    print(f"\ngenerated: {len(texts)} articles, {words:,} words ({inputs}), one run each")
    bare_pipe, bare_wall, bare_peak, bare = bare_spacy(texts, work, model, repeats=1)
    print(
        f"  bare spaCy {bare['pipes']}: pipe {bare_pipe:.1f}s, process {bare_wall:.1f}s, peak {bare_peak:.0f} MB"
    )
    cold1, peak1 = kg_run(inputs, work / "out1", work / "cache1", workers=1)
    print(f"  kg run --workers 1, cold: {cold1:.1f}s, peak {peak1:.0f} MB")
    cold2, peak2 = kg_run(inputs, work / "out2", work / "cache2", workers=2)
    print(f"  kg run --workers 2, cold: {cold2:.1f}s, peak {peak2:.0f} MB")
    cold_files = outputs_of(work / "out1")
    warm, _ = kg_run(inputs, work / "out1", work / "cache1", workers=1)
    print(f"  kg run, warm re-run: {warm:.2f}s; files byte-identical to the cold run: "
          f"{'yes' if outputs_of(work / 'out1') == cold_files else 'NO'}")  # fmt: skip
    grown = work / "grown"
    shutil.copytree(inputs, grown)
    extra = max(1, n // 100)
    corpus_generator.generate(grown / "added", articles=extra, start=10_000_000)
    plus, _ = kg_run(grown, work / "out4", work / "cache1", workers=1)
    print(f"  kg run after adding {extra} articles (1%): {plus:.1f}s")
    rows = [
        ("generated: cold --workers 1 vs bare nlp.pipe (speed)", bare_pipe / cold1, ">= 0.90"),
        ("generated: --workers 2 vs --workers 1 (speed-up)", cold1 / cold2, ">= 1.7"),
        ("generated: warm re-run vs cold (time)", warm / cold1, "<= 0.05"),
        ("generated: +1% articles vs cold (time)", plus / cold1, "<= 0.15"),
    ]
    if not os.environ.get("BENCH_SKIP_4N"):
        big = work / "corpus4"
        corpus_generator.generate(big, articles=4 * n)
        big_seconds, big_peak = kg_run(big, work / "out5", work / "cache5", workers=1)
        print(
            f"  kg run on {4 * n} articles (4N), cold --workers 1: {big_seconds:.1f}s, peak {big_peak:.0f} MB"
        )
        rows.append(("generated: peak memory 4N vs N (corpus x4)", big_peak / peak1, "far below 4"))
    return rows


def profile(inputs: Path, work: Path) -> None:
    """A cProfile of one cold ``kg run --workers 1`` (empty cache), top functions printed."""
    import pstats

    stats_file = work / "profile.stats"
    command = [sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "pipeline.cli", "run", str(inputs),
               "--out", str(work / "profile_out"), "--cache", str(work / "profile_cache"), "--quiet", "--force"]  # fmt: skip
    seconds, _, _ = measure(command)
    print(f"\ncProfile of a cold kg run --workers 1 on {inputs} ({seconds:.1f}s under the profiler):")
    stats = pstats.Stats(str(stats_file))
    # The stages and steps of kg, then where the time goes inside them (spaCy's own work shows as _pipe).
    stats.sort_stats("cumulative").print_stats(r"pipeline/|spacy/language.py:\d+\(pipe\)|spacy/__init__", 40)
    stats.sort_stats("tottime").print_stats(20)


def real_corpora() -> list[tuple[str, Path]]:
    found = []
    if GUM_DOCS.is_dir():
        found.append(("gum-dev", GUM_DOCS))
    lee = Path(os.environ.get("BENCH_LEE") or LEE)
    if lee.exists():
        found.append(("lee", lee))
    if os.environ.get("BENCH_CORPUS"):
        found.append((Path(os.environ["BENCH_CORPUS"]).name or "corpus", Path(os.environ["BENCH_CORPUS"])))
    return found


def main() -> None:
    from pipeline.config import default_model

    model = default_model()
    only = os.environ.get("BENCH_ONLY", "")
    if only not in {"", "real", "generated", "long"}:
        raise SystemExit(f"BENCH_ONLY={only!r}: expected real, generated or long")
    repeats = int(os.environ.get("BENCH_REPEATS") or 3)
    print(
        f"Machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, model {model}"
    )
    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    rows: list[tuple[str, float, str]] = []
    try:
        corpora = real_corpora()
        if only in {"", "real"}:
            if not corpora:
                print(
                    "No real corpus found (../shared/corpora/gum-dev, ../corpora/lee/lee.jsonl, BENCH_CORPUS)"
                )
            for name, inputs in corpora:
                rows += bench_real(name, inputs, work, model, repeats=repeats)
            if os.environ.get("BENCH_PROFILE") and corpora:
                profile(corpora[0][1], work)
        if only in {"", "generated"}:
            rows += bench_generated(work / "generated", model)
        if only in {"", "long"}:
            print()
            rows += bench_long_document(work, model)
        print(f"\n{'Ratio':<62} {'value':>7}   target")
        for name, value, target in rows:
            print(f"{name:<62} {value:7.2f}   {target}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
