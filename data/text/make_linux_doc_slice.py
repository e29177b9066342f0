#!/usr/bin/env python3
"""Rebuilds linux-doc-slice.jsonl from Debian's linux-doc-6.1 package (apt-get install linux-doc-6.1).

One JSON object per line, in path order: {"path", "subsystem", "spdx", "text"} where path is relative to the
kernel's Documentation/ folder, subsystem is its first folder (the natural contributor and label), spdx the
SPDX-License-Identifier the file declares (empty when it declares none: the kernel's GPL-2.0 applies) and text the
file's content as shipped (reStructuredText, UTF-8). Files over 64 KiB are left out (the demo's document limit).
"""
import gzip, json, pathlib, re, sys

ROOT = pathlib.Path("/usr/share/doc/linux-doc-6.1/Documentation")
SUBSYSTEMS = ["block", "crypto", "kbuild", "locking", "mm", "PCI", "power", "scheduler", "security", "usb"]
MAX_BYTES = 64 * 1024

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).with_name("linux-doc-slice.jsonl"))
rows = 0
with out.open("w", encoding="utf-8", newline="\n") as sink:
    for subsystem in SUBSYSTEMS:
        for path in sorted((ROOT / subsystem).rglob("*.rst.gz")):
            raw = gzip.decompress(path.read_bytes())
            if len(raw) > MAX_BYTES:
                continue
            text = raw.decode("utf-8")
            match = re.search(r"SPDX-License-Identifier:\s*(\S.*?)\s*$", "\n".join(text.splitlines()[:3]), re.M)
            rel = path.relative_to(ROOT).as_posix()[: -len(".gz")]
            sink.write(json.dumps({"path": rel, "subsystem": subsystem, "spdx": match.group(1) if match else "", "text": text},
                                  ensure_ascii=False) + "\n")
            rows += 1
print(f"{rows} documents -> {out} ({out.stat().st_size:,} bytes)")
