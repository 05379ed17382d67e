"""`make soak`: run `kg run` over real text plus a folder of awkward inputs and account for every input.

Inputs: ../shared/corpora/gum-dev/docs (84 real documents, when the folder is there) and a generated
folder of awkward cases (bench/awkward.py: a 97-row scraper CSV, CRLF and BOM, semicolons, TSV, fields
with line breaks, a malformed JSONL line, typo numerals, plain articles with repeated lines, a scraped
page and its copy, empty and whitespace-only files, Windows-1252, UTF-16, a stray byte, a binary file,
an unsupported extension, a JSON array and a news API's JSON, gzip-compressed JSONL, a long article,
and one article made to fail on purpose through the test-only KG_INJECT_FAULT; SOAK_INJECT=0 leaves
it alone).

Every unit of input is then looked up in the outputs, independently of how ingest reads it: a .txt or
.html file, a non-blank JSONL line, an item of a JSON array or of its "articles" list, a CSV/TSV record
with some text (its first line), a file with an unsupported extension; compressed files are unpacked
first. Each must be kept, a duplicate, skipped with a reason, failed with an error, or ignored;
anything else is a gap. Plain files (every gum-dev document, the awkward plain articles) must be
exactly one article; the page exactly two. The accounting is printed; the exit code is 1 on any gap.
"""

from __future__ import annotations

import bz2
import codecs
import csv
import gzip
import io
import json
import lzma
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUM_DOCS = ROOT.parent / "shared" / "corpora" / "gum-dev" / "docs"
SUPPORTED = {".txt", ".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".html", ".htm"}
_UNPACK = {".gz": gzip.decompress, ".bz2": bz2.decompress, ".xz": lzma.decompress}


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in _UNPACK:
        suffix = Path(path.stem).suffix.lower()
    return suffix if suffix in SUPPORTED else ""


STATUSES = ("kept", "duplicate", "skipped", "failed", "ignored", "missing")
_DELIMITERS = {"comma": ",", "semicolon": ";", "tab": "\t", "pipe": "|"}


@dataclass
class Accounting:
    """Status of every input unit ("file" or "file:line"), and the problems found."""

    units: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # unit -> file kind (txt, jsonl, csv...)
    problems: list[str] = field(default_factory=list)

    def table(self) -> str:
        counts: dict[str, Counter[str]] = {}
        for unit, status in self.units.items():
            counts.setdefault(self.kinds[unit], Counter())[status] += 1
        rows = [f"{'input':<10}{'units':>7}" + "".join(f"{s:>10}" for s in STATUSES)]
        total: Counter[str] = Counter()
        for kind in sorted(counts):
            total.update(counts[kind])
            units = sum(counts[kind].values())
            rows.append(f"{kind:<10}{units:>7}" + "".join(f"{counts[kind][s]:>10}" for s in STATUSES))
        rows.append(f"{'all':<10}{sum(total.values()):>7}" + "".join(f"{total[s]:>10}" for s in STATUSES))
        return "\n".join(rows)


def _decode(data: bytes) -> str:
    """Good enough to count lines and records: BOMs, UTF-8, else Windows-1252."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _units_of(path: Path, delimiters: dict[str, str]) -> list[str]:
    """The units one input file holds, named as articles.csv and manifest.json name sources."""
    suffix = _format_of(path)
    source = str(path)
    if suffix in {".txt", ".html", ".htm"}:
        return [source]
    data = path.read_bytes()
    if path.suffix.lower() in _UNPACK:
        try:
            data = _UNPACK[path.suffix.lower()](data)
        except (OSError, EOFError, ValueError, lzma.LZMAError):
            return [source]  # a damaged file must be skipped as a whole
    text = _decode(data)
    if suffix in {".jsonl", ".ndjson"}:
        return [f"{source}:{n}" for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    if suffix == ".json":
        return _json_units(source, text)
    delimiter = "\t" if suffix == ".tsv" else _DELIMITERS.get(delimiters.get(source, "comma"), ",")
    named = re.match(r"(?i)sep=(.)\r?\n", text)  # Excel's first line naming the delimiter
    skipped_lines = 1 if named else 0
    reader = csv.reader(io.StringIO(text[named.end() :] if named else text), delimiter=delimiter)
    units = []
    try:
        next(reader)  # the header row
        first_line = reader.line_num + 1 + skipped_lines
        for row in reader:
            if any(cell.strip() for cell in row):
                units.append(f"{source}:{first_line}")
            first_line = reader.line_num + 1 + skipped_lines
    except (StopIteration, csv.Error):
        pass  # no header, or a malformed record: then the file itself (or that line) must be skipped
    return units or [source]


def _json_units(source: str, text: str) -> list[str]:
    """A JSON array's items (the soak writes one per line: named by their line), or the items of the
    list under "articles" (named by their index); the file itself when it holds neither."""
    try:
        document = json.loads(text)
    except ValueError:
        return [source]
    if isinstance(document, list):
        lines = enumerate(text.split("\n"), start=1)
        return [f"{source}:{n}" for n, line in lines if line.strip().startswith("{")] or [source]
    if isinstance(document, dict) and isinstance(document.get("articles"), list):
        return [f"{source}:articles[{i}]" for i in range(len(document["articles"]))] or [source]
    return [source]


def _inputs(paths: list[Path]) -> list[Path]:
    files = []
    for path in paths:
        if path.is_dir():
            for folder, dirs, names in os.walk(path):
                dirs.sort()
                files.extend(Path(folder) / n for n in sorted(names) if not n.startswith("."))
        else:
            files.append(path)
    return files


def account(inputs: list[Path], out: Path) -> Accounting:
    """Look every input unit up in the run's articles.csv and manifest.json."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    csv.field_size_limit(1 << 30)
    with (out / "articles.csv").open(encoding="utf-8", newline="") as handle:
        articles = [(row["source"], row["duplicate_of"]) for row in csv.DictReader(handle)]
    skipped = manifest.get("skipped") or []
    failed = manifest.get("failed")
    result = Accounting()
    if failed is None:
        result.problems.append("manifest.json has no 'failed' list")
        failed = []
    ignored = set(manifest.get("ignored") or [])
    delimiters = manifest.get("delimiters") or {}

    files = {str(path) for path in _inputs(inputs)}

    def file_of(source: str) -> str:
        head, _, _ = source.rpartition(":")  # "feed.jsonl:7", "api.json:articles[0]"
        return head if head in files else source

    kept_at: dict[str, list[str]] = {}
    for source, duplicate_of in articles:
        kept_at.setdefault(source, []).append("duplicate" if duplicate_of else "kept")
        if file_of(source) != source:
            kept_at.setdefault(file_of(source), []).append("duplicate" if duplicate_of else "kept")
    skipped_at = {item["source"] for item in skipped}
    skipped_at |= {file_of(item["source"]) for item in skipped}
    failed_at = {item["source"] for item in failed} | {file_of(item["source"]) for item in failed}
    article_sources = {source for source, _ in articles}
    for item in skipped:
        if not item.get("reason"):
            result.problems.append(f"skipped without a reason: {item['source']}")
    for item in failed:
        error = item.get("error") or {}
        if not (error.get("type") and error.get("message")):
            result.problems.append(f"failed without an error: {item.get('source')}")
        if item.get("source") not in article_sources:
            result.problems.append(f"failed article is not in articles.csv: {item.get('source')}")

    for path in _inputs(inputs):
        suffix = _format_of(path)
        if not suffix:
            unit = str(path)
            result.kinds[unit] = "other"
            result.units[unit] = "ignored" if unit in ignored or unit in skipped_at else "missing"
            continue
        for unit in _units_of(path, delimiters):
            result.kinds[unit] = suffix.lstrip(".")
            whole_file = file_of(unit)
            if unit in failed_at:
                status = "failed"
            elif "kept" in kept_at.get(unit, []):
                status = "kept"
            elif kept_at.get(unit):
                status = "duplicate"
            elif unit in skipped_at or whole_file in {s["source"] for s in skipped}:
                status = "skipped"
            else:
                status = "missing"
            result.units[unit] = status
    for unit, status in result.units.items():
        if status == "missing":
            result.problems.append(f"not accounted for: {unit}")
    return result


def check_articles_per_file(articles_csv: Path, expected: dict[str, int]) -> list[str]:
    """Files that must become exactly so many articles (plain files: one)."""
    with articles_csv.open(encoding="utf-8", newline="") as handle:
        per_file = Counter(
            row["source"].rsplit(":", 1)[0] if row["source"].rsplit(":", 1)[-1].isdigit() else row["source"]
            for row in csv.DictReader(handle)
        )
    return [
        f"{Path(name).name}: {per_file[name]} article(s), expected {count}"
        for name, count in sorted(expected.items())
        if per_file[name] != count
    ]


def main() -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    import awkward

    kg = Path(sys.executable).parent / "kg"
    inject = os.environ.get("SOAK_INJECT", "1") != "0"
    with tempfile.TemporaryDirectory(prefix="kg-soak-") as folder:
        work = Path(folder)
        cases = awkward.write_awkward(work / "awkward")
        inputs = [work / "awkward"]
        if GUM_DOCS.is_dir():
            inputs.insert(0, GUM_DOCS)
        else:
            print(f"({GUM_DOCS} is missing: the soak runs on the awkward inputs alone)")
        env = dict(os.environ)
        if inject:
            env["KG_INJECT_FAULT"] = f"numbers:{awkward.FAULT_MARKER}"
        out = work / "out"
        command = [str(kg), "run", *map(str, inputs), "--out", str(out), "--no-cache", "--quiet"]
        print("Running:", " ".join(command), f"(KG_INJECT_FAULT={env.get('KG_INJECT_FAULT', '')})")
        started = time.perf_counter()
        run = subprocess.run(command, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        print(run.stdout.rstrip())
        if run.returncode != 0:
            print(run.stderr[-3000:])
            print(f"SOAK FAILED: kg run exited with {run.returncode}")
            return 1
        accounting = account(inputs, out)
        if inject and "failed" not in accounting.units.values():
            accounting.problems.append("the injected failure was not recorded")
        plain = ("sports_table.txt", "advert_refrain.txt", "typo_numerals.txt", "fault.txt")
        expected = {str(work / "awkward" / name): 1 for name in plain}
        expected[str(work / "awkward" / "page.txt")] = 2
        gum = sorted(GUM_DOCS.glob("*.txt")) if GUM_DOCS.is_dir() else []
        expected.update({str(path): 1 for path in gum})
        wrong = check_articles_per_file(out / "articles.csv", expected)
        accounting.problems.extend(wrong)
        ones = sum(count == 1 for count in expected.values())
        print(f"\nkg run took {seconds:.1f}s. Accounting of {len(accounting.units)} input units "
              f"({len(cases)} awkward files{' + gum-dev' if gum else ''}):")  # fmt: skip
        print(accounting.table())
        print(f"Files that must stay one article each: {ones - len(wrong)}/{ones} did "
              f"({len(gum)} gum-dev documents among them); the scraped page must give 2.")  # fmt: skip
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        print(f"\nskipped ({len(manifest['skipped'])}):")
        for item in manifest["skipped"]:
            print(f"  {os.path.relpath(item['source'], work)}: {item['reason']}")
        print(f"failed ({len(manifest['failed'])}):")
        for item in manifest["failed"]:
            print(f"  {os.path.relpath(item['source'], work)} ({item['stage']}, {item['step']}): "
                  f"{item['error']['type']}: {item['error']['message']}")  # fmt: skip
        if manifest.get("delimiters"):
            print("delimiters:", {os.path.relpath(k, work): v for k, v in manifest["delimiters"].items()})
        if accounting.problems:
            print(f"\nSOAK FAILED: {len(accounting.problems)} gap(s):")
            for problem in accounting.problems:
                print("  " + problem)
            return 1
        print(f"\nSoak passed: every one of {len(accounting.units)} input units is accounted for.")
        return 0


if __name__ == "__main__":
    sys.exit(main())
