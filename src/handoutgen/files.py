"""Every file handoutgen reads or writes goes through here, so one set of rules keeps data safe.

Reading: only regular files (a FIFO or device could hang us or never end), and never more than a
bound of bytes, counted as they are read (`stat` says 0 for /dev/zero). Text that is UTF-16 or
UTF-32 is named as such. Every file read is remembered, so no command can write over its inputs.

Writing: an output is never one of the run's inputs, a PDF never lands on a spec or roster or on
any file that is not already a PDF, and a regular file is replaced atomically (temp file, fsync,
rename) keeping its permissions. A symlinked output writes through to its target. A character
device (/dev/null) or a pipe with a reader is written directly; nothing else that is not a
regular file is replaced.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

from handoutgen.errors import HandoutError, Problem

_READ: set[tuple[int, int]] = set()  # (device, inode) of every file read in this process
_READ_PATHS: set[str] = set()


def begin_run() -> None:
    """Forget the inputs of earlier commands in this process (the CLI calls it per command)."""
    _READ.clear()
    _READ_PATHS.clear()


class FileError(HandoutError):
    """A file cannot be read or written as asked; one Problem naming the file (and line)."""

    def __init__(self, file: object, message: str, line: int | None = None):
        super().__init__(problems=[Problem(str(file), line, None, "", message)])


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _regular(path: Path, display: str, expected: str) -> os.stat_result:
    """The stat of `path`, which must exist and be a regular file (FileError otherwise)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise FileError(display, "file not found") from None
    except OSError as exc:
        raise FileError(display, f"cannot read ({exc.strerror})") from None
    kind = _kind(st.st_mode)
    if kind:
        raise FileError(display, f"is {kind}, expected {expected}")
    return st


def read_input(path: Path, limit: int, display: str | None = None, expected: str = "a file") -> bytes:
    """The bytes of a regular file, at most `limit` of them; FileError naming `display` otherwise."""
    display = display or str(path)
    st = _regular(path, display, expected)
    if st.st_size > limit:
        raise FileError(display, f"file is too large ({st.st_size:,} bytes); at most {limit:,} bytes")
    try:  # O_NONBLOCK: if a FIFO was swapped in after the stat, opening it must not hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise FileError(display, f"cannot read ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        kind = _kind(st.st_mode)
        if kind:
            raise FileError(display, f"is {kind}, expected {expected}")
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise FileError(display, f"file is too large (over {limit:,} bytes)")
    _remember(path, st)
    return data


def check_input(path: Path, display: str | None = None, expected: str = "a file") -> None:
    """Like read_input for files read by a library (pypdf) from the path: regular, remembered."""
    _regular(path, display or str(path), expected)
    remember_input(path)


def remember_input(path: Path) -> None:
    """Count `path` as an input even though it was read some other way."""
    try:
        _remember(path, os.stat(path))
    except OSError:
        pass


def _remember(path: Path, st: os.stat_result) -> None:
    _READ.add((st.st_dev, st.st_ino))
    _READ_PATHS.add(os.path.realpath(path))


def decode_text(raw: bytes, display: str, what: str = "the file") -> str:
    """UTF-8 text (a byte-order mark is fine). UTF-16/32 files are named, so the fix is clear."""
    encoding = wide_encoding(raw)
    if encoding:
        raise FileError(display, f"is {encoding} text; save {what} as UTF-8")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FileError(display, f"byte 0x{raw[exc.start]:02x} is not UTF-8 text; save {what} as UTF-8",
                        line) from None


def wide_encoding(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:400]
    if len(head) >= 8 and head.count(0) * 4 >= len(head) * 3 - 8:  # ASCII in UTF-32: 3 of 4 bytes are 0
        return "UTF-32"
    if len(head) >= 4 and (head[1::2].count(0) * 5 >= len(head[1::2]) * 4
                           or head[0::2].count(0) * 5 >= len(head[0::2]) * 4):
        return "UTF-16"
    return None


# --- outputs ----------------------------------------------------------------------------------

_NOT_PDF_SUFFIXES = {".yaml": "a YAML file", ".yml": "a YAML file", ".csv": "a CSV file"}


def _is_input(path: Path) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return os.path.realpath(path) in _READ_PATHS
    return (st.st_dev, st.st_ino) in _READ or os.path.realpath(path) in _READ_PATHS


def check_output(output: Path, *, kind: str = "pdf", inputs: dict[Path, str] | None = None) -> None:
    """The one rule every command applies before it writes `output` (a "pdf" or a "yaml").

    `inputs` names this command's own inputs ({path: "the spec itself"}); anything else read in
    this process counts too. Raises FileError; nothing has been written."""
    for path, words in (inputs or {}).items():
        try:
            same = os.path.samefile(output, path)
        except OSError:
            same = False
        if same or os.path.realpath(output) == os.path.realpath(path):
            raise FileError(output, f"is {words}; choose another output name")
    if _is_input(output):
        raise FileError(output, "is one of this run's input files; choose another output name")
    try:
        st = os.stat(output)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise FileError(output, f"cannot write ({exc.strerror})") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise FileError(output, f"is a folder; give a file name ending in .{kind}")
    if kind == "pdf":
        suffix = output.suffix.lower()
        if suffix in _NOT_PDF_SUFFIXES:
            raise FileError(output, f"output must be a .pdf file, not {_NOT_PDF_SUFFIXES[suffix]}")
        if st is not None and stat.S_ISREG(st.st_mode) and st.st_size and not _starts_with(output, b"%PDF-"):
            raise FileError(output, "exists and is not a PDF; handoutgen only replaces PDFs, "
                            "so choose another output name")
    elif output.suffix.lower() == ".pdf" or (st is not None and stat.S_ISREG(st.st_mode)
                                             and _starts_with(output, b"%PDF-")):
        raise FileError(output, "is a PDF; write the spec to a .yaml file instead")
    if st is not None and not stat.S_ISREG(st.st_mode) and not (stat.S_ISCHR(st.st_mode)
                                                                or stat.S_ISFIFO(st.st_mode)):
        raise FileError(output, f"is {_kind(st.st_mode)}; give a file name ending in .{kind}")
    if not Path(os.path.realpath(output)).parent.is_dir():
        raise FileError(output, f"folder {output.parent} does not exist")


def _starts_with(path: Path, magic: bytes) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(magic)) == magic
    except OSError:
        return False


Writer = Callable[[object], None]  # writes the content into a binary file object


def write_output(output: Path, data: bytes | Writer, *, what: str = "the PDF") -> None:
    """Write `data` (bytes, or a function that writes into a file object) to `output` safely."""
    target = Path(os.path.realpath(output))  # a symlink writes through to its target
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise FileError(output, f"cannot write ({exc.strerror})") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_special(output, target, st, data, what)
        return
    mode = stat.S_IMODE(st.st_mode) if st else 0o666 & ~_umask()
    try:  # a short fixed name: any legal output name (255 bytes) leaves room for it
        fd, tmp = tempfile.mkstemp(prefix=".handoutgen-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise FileError(output, f"cannot write in {target.parent} ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            _emit(fh, data)
            fh.flush()
            os.fsync(fh.fileno())
            os.fchmod(fh.fileno(), mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise FileError(output, f"could not write {what} ({exc.strerror or exc}); "
                            "nothing was changed") from None
        raise


def _write_special(output: Path, target: Path, st: os.stat_result, data, what: str) -> None:
    """Devices such as /dev/null and pipes someone reads are written into, never replaced."""
    if not (stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise FileError(output, f"is {_kind(st.st_mode)}; give a file name ending in .pdf")
    try:  # non-blocking open: a pipe with no reader fails at once instead of hanging
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if stat.S_ISFIFO(st.st_mode):
            raise FileError(output, "is a pipe (FIFO) that nothing is reading; "
                            "give a file name ending in .pdf") from None
        raise FileError(output, f"cannot write ({exc.strerror})") from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "wb") as fh:
            _emit(fh, data)
    except OSError as exc:
        raise FileError(output, f"could not write {what} ({exc.strerror or exc})") from None


def _emit(fh, data) -> None:
    if isinstance(data, (bytes, bytearray)):
        fh.write(data)
    else:
        data(fh)


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc: read it by setting it, then put it back
    os.umask(mask)
    return mask
