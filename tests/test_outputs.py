"""Hardening 2: no command destroys an input; files that are not what they seem fail cleanly.
Every test checks the exit code, the exact message and that the inputs are byte-identical."""

from __future__ import annotations

import errno
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, pdf_reader, run_cli, spec_text

EXERCISES = spec_text("""\
  - type: exercises
    items: [clam, bridge]
""")


def snapshot(*paths: Path) -> dict:
    """Bytes and mode of each input, to compare after the command."""
    return {p: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode)) for p in paths}


def unchanged(before: dict) -> bool:
    return before == snapshot(*before)


def err(result) -> list[str]:
    return result.stderr.splitlines()


@pytest.fixture
def spec(write_spec):
    return write_spec(MINIMAL)


@pytest.fixture
def built(spec, tmp_path):
    out = tmp_path / "h.pdf"
    assert run_cli("build", spec, "-o", out).exit_code == 0
    return out


# --- nothing is ever destroyed ---------------------------------------------------------------

def test_build_refuses_the_spec_itself_even_through_a_symlink(spec, tmp_path):
    link = tmp_path / "out.pdf"
    link.symlink_to(spec)
    before = snapshot(spec)
    result = run_cli("build", spec, "-o", link)
    assert result.exit_code == 1
    assert err(result) == [f"Error: {link}: is the spec itself; choose another output name", "1 of 1 spec failed"]
    assert unchanged(before)


@pytest.mark.parametrize("name, words", [("notes.csv", "a CSV file"), ("other.yml", "a YAML file")])
def test_a_pdf_never_lands_on_a_spec_or_roster_name(spec, tmp_path, name, words):
    target = tmp_path / name
    target.write_text("name\nAna\n")
    before = snapshot(spec, target)
    result = run_cli("build", spec, "-o", target)
    assert result.exit_code == 1
    assert err(result)[0] == f"Error: {target}: output must be a .pdf file, not {words}"
    assert unchanged(before)


def test_a_pdf_only_replaces_a_pdf(spec, tmp_path):
    photo = tmp_path / "photo.pdf"  # wrongly named, but not a PDF: never overwritten
    photo.write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    before = snapshot(spec, photo)
    result = run_cli("build", spec, "-o", photo)
    assert result.exit_code == 1
    assert err(result)[0] == (f"Error: {photo}: exists and is not a PDF; handoutgen only replaces PDFs, "
                              "so choose another output name")
    assert unchanged(before)


def test_merge_refuses_the_roster_and_pack_refuses_a_spec(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    roster = tmp_path / "class.csv"
    roster.write_text("name\nAna\n")
    before = snapshot(spec, roster)
    merged = run_cli("build", spec, "--roster", roster, "--merge", roster)
    assert merged.exit_code == 1
    assert err(merged) == [f"Error: {roster}: is the roster; choose another output name"]
    packed = run_cli("pack", spec, "-o", spec)
    assert packed.exit_code == 1
    assert err(packed) == [f"Error: {spec}: is one of the specs; choose another output name"]
    assert unchanged(before)


def test_figures_never_writes_over_a_library_entry(tmp_path):
    entry = ROOT / "assets" / "exercises" / "clam.yaml"
    before = snapshot(entry)
    result = run_cli("figures", "-o", entry)
    assert result.exit_code == 1
    assert err(result) == [f"Error: {entry}: output must be a .pdf file, not a YAML file"]
    assert unchanged(before)


def test_extract_refuses_its_own_pdf_and_any_pdf(built, tmp_path):
    other = tmp_path / "other.pdf"
    other.write_bytes(built.read_bytes())
    before = snapshot(built, other)
    same = run_cli("extract", built, "-o", built)
    assert (same.exit_code, err(same)) == (1, [f"Error: {built}: is the PDF being read; choose another output name"])
    onto = run_cli("extract", built, "-o", other)
    assert (onto.exit_code, err(onto)) == (1, [f"Error: {other}: is a PDF; write the spec to a .yaml file instead"])
    assert unchanged(before)


def test_new_leaves_nothing_behind_on_a_full_disk(tmp_path, monkeypatch):
    import handoutgen.files as files

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(files.os, "fsync", full)
    result = run_cli("new", "knee")
    assert result.exit_code == 1
    assert err(result) == ["Error: knee.yaml: could not write the spec (No space left on device); nothing was changed"]
    assert list(tmp_path.iterdir()) == []


def test_dev_null_is_written_into_not_replaced(spec):
    result = run_cli("build", spec, "-o", "/dev/null")
    assert result.exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_pipe_nobody_reads_is_refused_at_once(spec, tmp_path):
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    result = run_cli("build", spec, "-o", fifo)
    assert result.exit_code == 1
    assert err(result)[0] == (f"Error: {fifo}: is a pipe (FIFO) that nothing is reading; "
                              "give a file name ending in .pdf")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_pipe_with_a_reader_gets_the_pdf(spec, tmp_path):
    fifo = tmp_path / "out.pdf"
    os.mkfifo(fifo)
    got = []
    opened = threading.Event()

    def read():
        with open(fifo, "rb") as fh:
            opened.set()
            got.append(fh.read())

    reader = threading.Thread(target=read)
    reader.start()
    fd = os.open(fifo, os.O_WRONLY)  # rendezvous: the reader is now waiting on the pipe
    opened.wait(5)
    result = run_cli("build", spec, "-o", fifo)
    os.close(fd)
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert got[0].startswith(b"%PDF-")


def test_a_symlinked_output_writes_through_to_its_target(spec, tmp_path):
    target = tmp_path / "real.pdf"
    link = tmp_path / "link.pdf"
    link.symlink_to(target)
    assert run_cli("build", spec, "-o", link).exit_code == 0
    assert link.is_symlink() and target.read_bytes().startswith(b"%PDF-")


def test_permissions_new_pdf_follows_umask_replaced_pdf_keeps_its_mode(spec, tmp_path):
    fresh = tmp_path / "fresh.pdf"
    old = os.umask(0o027)
    try:
        assert run_cli("build", spec, "-o", fresh).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
    private = tmp_path / "private.pdf"
    assert run_cli("build", spec, "-o", private).exit_code == 0
    private.chmod(0o600)
    assert run_cli("build", spec, "-o", private).exit_code == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_the_longest_legal_name_in_a_4_byte_script_builds(spec, tmp_path):
    out = tmp_path / ("𝔸" * 62 + ".pdf")  # 252 bytes: a temp name built on it would not fit
    assert len(out.name.encode()) <= 255
    result = run_cli("build", spec, "-o", out)
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == [out.name]


# --- one patient's data stays on that patient's handout -----------------------------------------

@pytest.mark.parametrize("text, message", [
    ('name,notes\nAna,ok\n"Bo,first\nCy,second\n', "3: a quote is opened and never closed; nothing was built"),
    ('name,notes\nAna,ok\n"Bo,first\nCy","x"\nDi,y\n',
     "3: the name cell runs on to line 4 (a quote opened and not closed?); nothing was built"),
    ("name,notes\nAna,ok\nBo,first,extra\n",
     "3: row has 3 cells but there are 2 column names (a comma inside a name needs quotes); nothing was built"),
    ('name,notes\nAna,"' + "x" * 140_000 + '"\n',
     "2: a cell is longer than 131,072 characters (an unclosed quote?); nothing was built"),
])
def test_malformed_roster_rows_reject_the_file_before_anything_is_written(write_spec, tmp_path, text, message):
    spec = write_spec(EXERCISES)
    roster = tmp_path / "class.csv"
    roster.write_text(text)
    out = tmp_path / "out"
    before = snapshot(spec, roster)
    result = run_cli("build", spec, "--roster", roster, "-o", out, "-j", "1")
    assert result.exit_code == 1
    assert err(result) == [f"Error: {roster}:{message}"]
    assert list(out.iterdir()) == []
    assert unchanged(before)


def test_roster_output_folder_is_created(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    roster = tmp_path / "class.csv"
    roster.write_text("name\nAna\n\n,\n")  # a blank line and a row of empty cells are skipped
    out = tmp_path / "new" / "folder"
    result = run_cli("build", spec, "--roster", roster, "-o", out, "-j", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Built 1 of 1 handouts into {out}\n"
    assert [p.name for p in out.iterdir()] == ["ana.pdf"]


def test_cli_date_is_checked_like_a_roster_date(spec, tmp_path):
    result = run_cli("build", spec, "-o", tmp_path / "o.pdf", "--date", "2026-02-30")
    assert result.exit_code == 1
    assert err(result) == ["Error: --date: expected a real date like 2026-11-22, got '2026-02-30' "
                           "(day is out of range for month)"]
    assert not (tmp_path / "o.pdf").exists()


# --- inputs that are not what they seem ------------------------------------------------------------

def test_a_device_or_fifo_or_socket_spec_is_refused_by_name(tmp_path):
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    sock_path = tmp_path / "s.yaml"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for path, kind in (("/dev/zero", "a device"), (fifo, "a pipe (FIFO)"), (sock_path, "a socket")):
            result = run_cli("validate", path)
            assert (result.exit_code, err(result)) == (1, [f"Error: {path}: is {kind}, expected a YAML file"])
    finally:
        sock.close()


def test_a_fifo_roster_and_a_fifo_pdf_are_refused(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    fifo = tmp_path / "class.csv"
    os.mkfifo(fifo)
    result = run_cli("build", spec, "--roster", fifo, "-o", tmp_path / "out")
    assert (result.exit_code, err(result)) == (1, [f"Error: {fifo}: is a pipe (FIFO), expected a file"])
    pdf = tmp_path / "x.pdf"
    os.mkfifo(pdf)
    result = run_cli("extract", pdf)
    assert (result.exit_code, err(result)) == (1, [f"Error: {pdf}: is a pipe (FIFO), expected a PDF"])


def test_a_clinic_file_that_is_a_fifo_is_refused(write_spec, tmp_path):
    os.mkfifo(tmp_path / "clinic.yaml")
    spec = write_spec(MINIMAL + "clinic: clinic.yaml\n")
    result = run_cli("validate", spec)
    assert result.exit_code == 1
    assert err(result)[0].endswith("clinic: 'clinic.yaml' is not a regular file (a pipe or device?); expected a file")


def test_library_entry_linked_from_outside_is_refused(write_spec, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "wall-sit.yaml").write_text((ROOT / "assets" / "exercises" / "clam.yaml").read_text()
                                           .replace("id: clam", "id: wall-sit"))
    home = tmp_path / "spec"
    (home / "mine").mkdir(parents=True)
    (home / "mine" / "wall-sit.yaml").symlink_to(outside / "wall-sit.yaml")
    spec = home / "h.yaml"
    spec.write_text(spec_text("  - type: exercises\n    items: [wall-sit]\n", top="library: mine\n"))
    result = run_cli("validate", spec)
    assert result.exit_code == 1
    assert any(line.endswith("wall-sit.yaml: is a link to a file outside the library's allowed folders "
                             "(the spec's folder and assets/); copy the file instead") for line in err(result))


@pytest.mark.parametrize("style, depth", [("flow", 41), ("flow", 1_000), ("flow", 100_000),
                                          ("block", 41), ("block", 1_200)])  # block: ~depth² bytes
def test_deep_yaml_is_the_same_clean_error_at_any_depth(tmp_path, depth, style):
    path = tmp_path / "deep.yaml"
    if style == "flow":
        path.write_text("title: " + "[" * depth + "]" * depth + "\n")
        where = "1:48"
    else:
        path.write_text("title:\n" + "".join(" " * (2 * i) + "-\n" for i in range(1, depth)) + " " * 2 * depth + "x\n")
        where = "42:83"
    result = run_cli("validate", path)
    assert result.exit_code == 1
    assert err(result) == [f"Error: {path}:{where}: title" + "[0]" * 40 + ": nested more than 40 levels deep"]


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-32", "UTF-32")])
def test_utf16_and_utf32_files_are_named(write_spec, tmp_path, encoding, name):
    path = tmp_path / "wide.yaml"
    path.write_bytes(MINIMAL.encode(encoding))
    result = run_cli("validate", path)
    assert (result.exit_code, err(result)) == (1, [f"Error: {path}: is {name} text; save the file as UTF-8"])
    roster = tmp_path / "class.csv"
    roster.write_bytes("name\nAna\n".encode(encoding))
    result = run_cli("build", write_spec(EXERCISES), "--roster", roster, "-o", tmp_path / "o")
    assert (result.exit_code, err(result)) == (1, [f"Error: {roster}: is {name} text; save the roster as UTF-8"])


# --- images from real phones and scanners ------------------------------------------------------------

def _load(path):
    from handoutgen.resolve.assets import load_image

    return load_image(path)


def test_exif_orientation_is_applied(tmp_path):
    from PIL import Image

    img = Image.new("RGB", (200, 100), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view": a portrait photo stored landscape
    img.save(tmp_path / "phone.jpg", exif=exif)
    loaded = _load(tmp_path / "phone.jpg")
    assert (loaded.width, loaded.height) == (100, 200)


def test_16_bit_png_is_scaled_not_clipped(tmp_path):
    import io

    from PIL import Image

    ramp = Image.new("I;16", (256, 4))
    ramp.putdata([x * 257 for x in range(256)] * 4)  # 0..65535, dark to light
    ramp.save(tmp_path / "ramp.png")
    loaded = Image.open(io.BytesIO(_load(tmp_path / "ramp.png").data)).convert("L")
    row = [loaded.getpixel((x, 0)) for x in range(0, 256, 32)]
    assert row == sorted(row) and row[0] < 10 and 100 < row[4] < 160 and row[-1] > 200


def test_multi_picture_jpeg_gives_its_first_picture(tmp_path):
    from PIL import Image

    first, second = Image.new("RGB", (60, 40), "red"), Image.new("RGB", (30, 20), "blue")
    first.save(tmp_path / "mpo.jpg", format="MPO", save_all=True, append_images=[second])
    assert Image.open(tmp_path / "mpo.jpg").format == "MPO"
    loaded = _load(tmp_path / "mpo.jpg")
    assert (loaded.width, loaded.height) == (60, 40)


def test_a_small_file_that_decodes_huge_is_refused_before_decoding(tmp_path):
    from PIL import Image

    from handoutgen.resolve.assets import AssetProblem

    Image.new("1", (5000, 4000)).save(tmp_path / "bomb.png")  # ~3 KB on disk, 20 MP decoded
    assert (tmp_path / "bomb.png").stat().st_size < 50_000
    with pytest.raises(AssetProblem) as info:
        _load(tmp_path / "bomb.png")
    assert str(info.value) == ("image 'bomb.png' is 5000×4000 pixels; a PNG image can have at most 16 megapixels "
                               "(make it smaller, or save it as JPEG)")


def test_a_big_jpeg_is_decoded_at_print_size(tmp_path):
    from PIL import Image

    Image.new("RGB", (6000, 4000), "grey").save(tmp_path / "big.jpg", quality=50)
    loaded = _load(tmp_path / "big.jpg")
    assert max(loaded.width, loaded.height) <= 3000


# --- extract and pack ------------------------------------------------------------------------------

def _encrypted(source: Path, target: Path, password: str, algorithm: str) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=password, owner_password="owner", algorithm=algorithm)
    with open(target, "wb") as fh:
        writer.write(fh)


def test_extract_from_a_password_protected_pdf_is_refused_cleanly(built, tmp_path):
    locked = tmp_path / "locked.pdf"
    _encrypted(built, locked, "secret", "RC4-128")
    result = run_cli("extract", locked)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {locked}: is encrypted (password-protected); handoutgen cannot read "
                             "its spec, so use the unprotected PDF\n")


def test_extract_opens_a_pdf_encrypted_with_no_user_password(built, tmp_path):
    opened = tmp_path / "opened.pdf"
    _encrypted(built, opened, "", "RC4-128")
    result = run_cli("extract", opened)
    assert result.exit_code == 0, result.output
    assert result.stdout == MINIMAL


def _pdf_with_attachment(path: Path, data: bytes) -> None:
    """A PDF carrying `data` as handout.yaml, Flate-compressed (so 50 MB of 'a' is ~50 KB)."""
    import zlib

    packed = zlib.compress(data, 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(handout.yaml) 4 0 R] >> >> >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
               b"<< /Type /Filespec /F (handout.yaml) /EF << /F 5 0 R >> >>",
               b"<< /Type /EmbeddedFile /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
               + packed + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def test_extract_refuses_a_spec_that_is_not_utf8_and_a_compression_bomb(tmp_path):
    latin = tmp_path / "latin.pdf"
    _pdf_with_attachment(latin, "title: Café\n".encode("latin-1"))
    result = run_cli("extract", latin)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {latin}: the embedded spec 'handout.yaml' is not UTF-8 text\n")
    bomb = tmp_path / "bomb.pdf"
    _pdf_with_attachment(bomb, b"a" * 50_000_000)
    assert bomb.stat().st_size < 1_000_000
    result = run_cli("extract", bomb)
    assert (result.exit_code, result.stderr) == (
        1, f"Error: {bomb}: the embedded spec 'handout.yaml' is larger than 2,000,000 bytes "
           "(a damaged or hostile file); nothing was written\n")


def test_extract_a_damaged_pdf_prints_no_library_log_lines(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
    result = subprocess.run([sys.executable, "-m", "handoutgen", "extract", str(broken)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"Error: {broken}: not a readable PDF (PdfReadError)"]


def test_extract_a_pack_lists_and_writes_every_spec(tmp_path, write_spec):
    a, b = write_spec(MINIMAL, "a.yaml"), write_spec(MINIMAL.replace("Hip pain basics", "Knee"), "b.yaml")
    pack = tmp_path / "pack.pdf"
    assert run_cli("pack", a, b, "-o", pack).exit_code == 0
    listed = run_cli("extract", pack)
    assert listed.exit_code == 0
    assert listed.stdout.splitlines() == [f"{pack} is a pack of 2 handouts; write their specs with -o FOLDER:",
                                          "  01-a.yaml", "  02-b.yaml"]
    out = tmp_path / "specs"
    out.mkdir()
    written = run_cli("extract", pack, "-o", out)
    assert written.exit_code == 0, written.output
    assert (out / "01-a.yaml").read_bytes() == a.read_bytes()
    assert (out / "02-b.yaml").read_bytes() == b.read_bytes()
    again = run_cli("extract", pack, "-o", out)
    assert (again.exit_code, err(again)) == (1, [f"Error: {out / '01-a.yaml'}: already exists; "
                                                 "extract into an empty folder"])


def test_pack_contents_continue_and_a_long_title_wraps(write_spec, tmp_path):
    specs = [write_spec(MINIMAL.replace("Hip pain basics", f"Handout number {i}"), f"h{i:02d}.yaml")
             for i in range(34)]
    title = "Tuesday and Thursday evening strength class for hips, knees and backs at the Riverside clinic"
    pack = tmp_path / "pack.pdf"
    result = run_cli("pack", *specs, "-o", pack, "--title", title + " ☃")
    assert result.exit_code == 0, result.output
    assert err(result) == ["Warning: --title: cannot print '☃' (U+2603): no font here has these characters; "
                           "left out of the PDF"]
    reader = pdf_reader(pack)
    contents = [" ".join(p.extract_text().split()) for p in reader.pages[:3]]
    assert title in contents[0] and "34 handouts in this pack" in contents[0]
    assert "Contents Handout number 0 " in contents[0]
    assert contents[1].startswith("Contents (continued)")
    front = next(i for i, text in enumerate(contents) if "Contents" not in text)
    # every listed page number is where that handout starts
    start = int(contents[0].split("Handout number 0")[1].split()[0])
    assert start == front + 1
    assert "Handout number 5" in " ".join(reader.pages[start - 1 + 5].extract_text().split())


# --- the process -----------------------------------------------------------------------------------

def _roster_process(tmp_path, write_spec, rows: int, *extra: str) -> subprocess.Popen:
    spec = write_spec(EXERCISES)
    roster = tmp_path / "class.csv"
    roster.write_text("name\n" + "".join(f"Person {i}\n" for i in range(rows)))
    return subprocess.Popen([sys.executable, "-m", "handoutgen", "build", str(spec), "--roster", str(roster),
                             "-o", str(tmp_path / "out"), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                out.add(int(entry.name))
    return out


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_killing_the_parent_leaves_no_workers(tmp_path, write_spec):
    import signal
    import time

    proc = _roster_process(tmp_path, write_spec, 400, "-j", "2")
    deadline = time.time() + 60
    while time.time() < deadline and len(list((tmp_path / "out").glob("*.pdf"))) < 3:
        time.sleep(0.1)
    workers = _children(proc.pid)
    assert workers, "no worker processes started"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while time.time() < deadline and any(Path(f"/proc/{w}").exists() and _alive(w) for w in workers):
        time.sleep(0.1)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and _alive(w)]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_ctrl_c_says_how_many_were_built_and_exits_130(tmp_path, write_spec):
    import signal
    import time

    proc = _roster_process(tmp_path, write_spec, 400, "-j", "1")
    deadline = time.time() + 60
    while time.time() < deadline and len(list((tmp_path / "out").glob("*.pdf"))) < 2:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    built = len(list((tmp_path / "out").glob("*.pdf")))
    assert stderr.strip().splitlines()[-1] == f"Interrupted: built {built} of 400 handouts into {tmp_path / 'out'}"
    assert "Traceback" not in stderr


def test_merge_streams_a_valid_pdf_with_every_row_and_the_spec(write_spec, tmp_path):
    from pypdf import PdfReader

    spec = write_spec(EXERCISES)
    roster = tmp_path / "class.csv"
    roster.write_text("name\n" + "".join(f"Person {i}\n" for i in range(6)))
    merged = tmp_path / "class.pdf"
    result = run_cli("build", spec, "--roster", roster, "--merge", merged, "-j", "1")
    assert result.exit_code == 0, result.output
    single = tmp_path / "one.pdf"
    assert run_cli("build", spec, "-o", single, "--patient", "Person 0").exit_code == 0
    reader = PdfReader(merged, strict=True)  # a well-formed file: xref, page tree, trailer
    per = len(pdf_reader(single).pages)
    sheet = per + per % 2  # each handout starts on a new sheet: a blank page after an odd count
    assert len(reader.pages) == 6 * sheet
    for row in range(6):
        assert f"Person {row}" in reader.pages[row * sheet].extract_text()
        if per % 2:
            assert reader.pages[row * sheet + per].extract_text() == ""
    first = " ".join(reader.pages[0].extract_text().split())
    assert first == " ".join(pdf_reader(single).pages[0].extract_text().split())
    assert reader.attachments["handout.yaml"] == [spec.read_bytes()]


def test_merge_with_no_good_row_writes_nothing(write_spec, tmp_path):
    spec = write_spec(EXERCISES)
    roster = tmp_path / "class.csv"
    roster.write_text("name,date\nAna,someday\n")
    merged = tmp_path / "class.pdf"
    result = run_cli("build", spec, "--roster", roster, "--merge", merged, "-j", "1")
    assert result.exit_code == 1
    assert not merged.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["class.csv", "h.yaml"]


def test_exercises_library_option_must_be_a_folder(tmp_path):
    spec = tmp_path / "h.yaml"
    spec.write_text(MINIMAL)
    result = run_cli("exercises", "--library", spec)
    assert (result.exit_code, err(result)) == (
        1, [f"Error: {spec}: is not a folder; --library takes a folder of exercise files"])
