"""Archives read as the folders they pack (pipeline.ingest.archives), with invented stories."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

from pipeline.ingest import ingest

STORY = "Orla Quist opened the new bridge over the Osk river at Tarnwick on Monday, two years after the old one fell."
OTHER = (
    "Ede Solm was elected mayor of Brisk Harbour on Sunday with 61 per cent of the vote in a second round."
)


def _members() -> dict[str, bytes]:
    return {
        "2025/bridge.txt": f"Bridge opens\n\n{STORY}\n".encode(),
        "2025/mayor.jsonl.gz": gzip.compress(json.dumps({"title": "Mayor", "text": OTHER}).encode()),
        "2025/.DS_Store": b"\x00\x01",
        "__MACOSX/2025/._bridge.txt": b"\x00\x05",
        "2025/notes.pdf": b"%PDF-1.4",
    }


def test_a_zip_or_a_tarball_is_read_as_the_folder_it_packs(tmp_path: Path) -> None:
    packed = tmp_path / "export.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        for name, data in _members().items():
            archive.writestr(name, data)
    tarball = tmp_path / "export.tar.gz"
    with tarfile.open(tarball, "w:gz") as archive:
        for name, data in _members().items():
            info = tarfile.TarInfo(f"./{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    for path in (packed, tarball):
        corpus = ingest([path])
        assert sorted((a.source, a.body) for a in corpus.articles) == [
            (f"{path}/2025/bridge.txt", STORY),
            (f"{path}/2025/mayor.jsonl.gz:1", OTHER),
        ]
        assert sorted(corpus.ignored) == sorted(  # hidden members and other types, as in a folder
            f"{path}/{name}" for name in ("2025/.DS_Store", "__MACOSX/2025/._bridge.txt", "2025/notes.pdf")
        )
        assert corpus.skipped == ()


def test_a_damaged_archive_or_a_member_too_large_is_skipped_with_its_reason(tmp_path: Path) -> None:
    damaged = tmp_path / "cut.zip"
    damaged.write_bytes(b"PK\x03\x04 this archive was cut short")
    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("huge.txt", "Title\n\n" + "Quist spoke. " * 200_000)
        archive.writestr("small.txt", f"Bridge opens\n\n{STORY}\n")
    corpus = ingest([damaged, big], max_file_bytes=1_000_000)
    reasons = {s.source: s.reason for s in corpus.skipped}
    assert reasons[str(damaged)].startswith("cannot unpack the archive")
    assert reasons[f"{big}/huge.txt"].startswith("file too large")
    assert [a.source for a in corpus.articles] == [f"{big}/small.txt"]  # the rest of the archive is read
