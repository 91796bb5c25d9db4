"""Generates the ADD archive-detection fixtures in fixtures/ (small files, misleading names).
Run: python3 spec/fs/archive/make-fixtures.py  (needs bzip2, xz, zstd, gzip on PATH)."""
import io, os, subprocess, tarfile, gzip

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
os.makedirs(here, exist_ok=True)

def tar_bytes(fmt=tarfile.GNU_FORMAT, entries=None):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as t:
        for (name, kind, data, mode, uid, gid) in entries or [("a.txt", "f", b"hello\n", 0o640, 5, 6)]:
            ti = tarfile.TarInfo(name)
            ti.mode, ti.uid, ti.gid, ti.mtime = mode, uid, gid, 1000000000
            if kind == "f":
                ti.size = len(data); t.addfile(ti, io.BytesIO(data))
            elif kind == "d":
                ti.type = tarfile.DIRTYPE; t.addfile(ti)
            elif kind == "l":
                ti.type = tarfile.SYMTYPE; ti.linkname = data.decode(); t.addfile(ti)
    return buf.getvalue()

def run(cmd, data):
    return subprocess.run(cmd, input=data, stdout=subprocess.PIPE, check=True).stdout

plain = tar_bytes(entries=[("d/", "d", b"", 0o750, 0, 0), ("d/a.txt", "f", b"hello\n", 0o640, 5, 6), ("d/l", "l", b"a.txt", 0o777, 0, 0)])
text = b"just some text, not a tarball\n" * 4
files = {
    "plain.tar": plain,
    "noext": plain,
    "tar-gz.txt": gzip.compress(plain, mtime=0),
    "tar-bz2.dat": run(["bzip2", "-c"], plain),
    "tar-xz.bin": run(["xz", "-c"], plain),
    "tar-zst.tar.gz": run(["zstd", "-q", "-c"], plain),
    "fake.tar.gz": text,
    "single.gz": gzip.compress(text, mtime=0),
    "single.bz2": run(["bzip2", "-c"], text),
    "single.xz": run(["xz", "-c"], text),
    "single.zst": run(["zstd", "-q", "-c"], text),
    "empty.tar": b"",
    "zeros.tar": b"\0" * 1024,
    "pax.tar": tar_bytes(tarfile.PAX_FORMAT, [("p" * 120 + "/long-name.txt", "f", b"pax\n", 0o600, 70000, 70001)]),
    "ustar.tar": tar_bytes(tarfile.USTAR_FORMAT, [("u/v.txt", "f", b"ustar\n", 0o755, 1, 2)]),
    "gnulong.tar": tar_bytes(tarfile.GNU_FORMAT, [("g" * 150, "f", b"gnu\n", 0o644, 0, 0)]),
    "badsum.tar": None,
    "multi.gz": gzip.compress(plain[:512], mtime=0) + gzip.compress(plain[512:], mtime=0),
    "skippable.zst": bytes.fromhex("502a4d1804000000deadbeef") + run(["zstd", "-q", "-c"], plain),
    "gz-garbage.gz": b"\x1f\x8b\x08" + b"garbage" * 10,
    "v7like.tar": None,
    "onlyheader.tar": None,
}
bad = bytearray(plain); bad[148:156] = b"0000000\0"; files["badsum.tar"] = bytes(bad)
# A V7 header: no magic.
v7 = bytearray(tar_bytes(tarfile.GNU_FORMAT, [("v7.txt", "f", b"v7\n", 0o644, 0, 0)]))
v7[257:265] = b"\0" * 8
v7[148:156] = b"        "
s = sum(v7[:512]); v7[148:156] = ("%06o\0 " % s).encode()
files["v7like.tar"] = bytes(v7)
# A header whose content is cut short (Next succeeds, extraction fails).
files["onlyheader.tar"] = plain[:512 * 3 + 100] if False else tar_bytes(entries=[("big.bin", "f", b"x" * 4000, 0o644, 0, 0)])[:1024]
for name, data in files.items():
    with open(os.path.join(here, name), "wb") as f:
        f.write(data)
print(len(files), "fixtures")
