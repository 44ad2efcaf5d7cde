"""Images and paths a spec points at, and how outputs are written (atomically, never clobbered)."""

from __future__ import annotations

import errno
import os

import pytest
from PIL import Image

from conftest import MINIMAL, pdf_reader, run_cli, spec_text


def figure_spec(path: str) -> str:
    return spec_text(f"""\
      - type: anatomy
        text: The muscle sits on the side of your hip.
        figure: {path!r}
        caption: Where the muscle is.
    """)


def errors(result, folder) -> list[str]:
    return [line.replace(str(folder) + os.sep, "") for line in result.stderr.splitlines()
            if line.startswith("Error:")]


def build_cli(write_spec, text, tmp_path):
    spec = write_spec(text)
    out = tmp_path / "out.pdf"
    result = run_cli("build", spec, "-o", out)
    return result, out


def image_xobjects(pdf: bytes) -> int:
    reader = pdf_reader(pdf)
    count = 0
    for page in reader.pages:
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            if ref.get_object().get("/Subtype") == "/Image":
                count += 1
    return count


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "CMYK", "L", "P"])
def test_images_of_every_colour_mode_build(write_spec, tmp_path, mode):
    img = Image.new(mode, (40, 30))
    fmt = "JPEG" if mode in ("CMYK", "L") else "PNG"
    img.save(tmp_path / "pic.img", format=fmt)
    result, out = build_cli(write_spec, figure_spec("pic.img"), tmp_path)
    assert result.exit_code == 0, result.output
    assert image_xobjects(out.read_bytes()) == 1


@pytest.mark.parametrize("size", [(4000, 10), (10, 4000)])
def test_very_wide_or_tall_images_are_scaled(write_spec, tmp_path, size):
    Image.new("RGB", size, "red").save(tmp_path / "pic.png")
    result, out = build_cli(write_spec, figure_spec("pic.png"), tmp_path)
    assert result.exit_code == 0, result.output


def test_not_an_image(write_spec, tmp_path):
    (tmp_path / "pic.png").write_text("hello")
    result, out = build_cli(write_spec, figure_spec("pic.png"), tmp_path)
    assert result.exit_code == 1
    assert errors(result, tmp_path) == [
        "Error: h.yaml:13:13: sections[1].figure.image: 'pic.png' is not a PNG or JPEG image, or is too large to open"]
    assert not out.exists()


def test_truncated_image(write_spec, tmp_path):
    Image.new("RGB", (200, 200), "blue").save(tmp_path / "full.png")
    data = (tmp_path / "full.png").read_bytes()
    (tmp_path / "pic.png").write_bytes(data[: len(data) // 2])
    result, _ = build_cli(write_spec, figure_spec("pic.png"), tmp_path)
    assert result.exit_code == 1
    assert "image 'pic.png' is damaged or truncated" in result.stderr


def test_empty_image_file(write_spec, tmp_path):
    (tmp_path / "pic.png").write_bytes(b"")
    result, _ = build_cli(write_spec, figure_spec("pic.png"), tmp_path)
    assert "sections[1].figure.image: image 'pic.png' is an empty file" in result.stderr


def test_decompression_bomb_is_refused_without_decoding(write_spec, tmp_path):
    # a 1-bit PNG claiming 20000x20000 pixels compresses to a few KB
    Image.new("1", (20000, 20000)).save(tmp_path / "pic.png")
    result, _ = build_cli(write_spec, figure_spec("pic.png"), tmp_path)
    assert result.exit_code == 1
    assert "image 'pic.png' is 20000×20000 pixels; at most 40 megapixels (make it smaller)" in result.stderr


@pytest.mark.parametrize("raw,message", [
    ("/etc/hostname", "'/etc/hostname' is an absolute path; give a path relative to the spec's folder"),
    ("../outside.png", "'../outside.png' points outside the spec's folder and assets/ (through '..' or a symlink)"),
    ("sub", "'sub' is a folder, expected a file"),
    ("missing.png", "file 'missing.png' not found"),
    ("data:image/png;base64,AAAA", "is a URL; give a file path relative to the spec's folder"),
    ("file:///etc/passwd", "is a URL; give a file path relative to the spec's folder"),
])
def test_paths_are_confined(write_spec, tmp_path, raw, message):
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "sub").mkdir()
    Image.new("RGB", (5, 5)).save(tmp_path / "outside.png")
    spec = folder / "h.yaml"
    spec.write_text(figure_spec(raw))
    result = run_cli("build", spec, "-o", tmp_path / "o.pdf")
    assert result.exit_code == 1
    assert message in result.stderr


def test_symlink_out_of_the_folder_is_refused(tmp_path):
    folder = tmp_path / "spec"
    folder.mkdir()
    Image.new("RGB", (5, 5)).save(tmp_path / "secret.png")
    (folder / "pic.png").symlink_to(tmp_path / "secret.png")
    spec = folder / "h.yaml"
    spec.write_text(figure_spec("pic.png"))
    result = run_cli("build", spec, "-o", tmp_path / "o.pdf")
    assert result.exit_code == 1
    assert "'pic.png' points outside the spec's folder and assets/" in result.stderr


def test_failed_build_keeps_existing_pdf(write_spec, tmp_path):
    good = write_spec(MINIMAL, "h.yaml")
    out = tmp_path / "h.pdf"
    assert run_cli("build", good, "-o", out).exit_code == 0
    before = out.read_bytes()
    good.write_text(MINIMAL.replace("title: Hip pain basics", "title: [broken"))
    result = run_cli("build", good, "-o", out)
    assert result.exit_code == 1
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.pdf", "h.yaml"]


def test_disk_full_leaves_no_partial_file(write_spec, tmp_path, monkeypatch):
    spec = write_spec(MINIMAL)
    out = tmp_path / "h.pdf"
    out.write_bytes(b"%PDF-old")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run_cli("build", spec, "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"Error: {out}: could not write the PDF (No space left on device); nothing was changed")
    assert out.read_bytes() == b"%PDF-old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.pdf", "h.yaml"]


def test_output_is_a_folder(write_spec, tmp_path):
    spec = write_spec(MINIMAL)
    result = run_cli("build", spec, "-o", tmp_path)  # a folder: the PDF goes inside it
    assert result.exit_code == 0
    assert (tmp_path / "h.pdf").exists()
    (tmp_path / "x.pdf").mkdir()
    result = run_cli("build", spec, "-o", tmp_path / "x.pdf" / "")
    assert result.exit_code == 0  # trailing slash: a folder named x.pdf


def test_output_same_as_input_is_refused(write_spec):
    spec = write_spec(MINIMAL)
    before = spec.read_text()
    result = run_cli("build", spec, "-o", spec)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"Error: {spec}: is the spec itself; choose another output name"
    assert spec.read_text() == before


def test_unwritable_folder(write_spec, tmp_path):
    spec = write_spec(MINIMAL)
    result = run_cli("build", spec, "-o", tmp_path / "nope" / "h.pdf")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"Error: {tmp_path / 'nope' / 'h.pdf'}: folder {tmp_path / 'nope'} does not exist"


def test_one_bad_spec_does_not_stop_the_others(write_spec, tmp_path):
    good = write_spec(MINIMAL, "good.yaml")
    bad = write_spec("title: [", "bad.yaml")
    also = write_spec(MINIMAL, "also.yaml")
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli("build", good, bad, also, "-o", out)
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["also.pdf", "good.pdf"]
    assert result.stderr.splitlines()[-1] == "1 of 3 specs failed"


def test_clinic_file_and_logo(tmp_path):
    folder = tmp_path / "spec"
    folder.mkdir()
    Image.new("RGB", (300, 100), "navy").save(folder / "logo.png")
    (folder / "clinic.yaml").write_text("name: Sunrise Physio\nphone: 555-0100\nwebsite: sunrise.example\n"
                                        "logo: logo.png\n")
    spec = folder / "h.yaml"
    spec.write_text(MINIMAL.replace("title: Hip pain basics", "title: Hip pain basics\nclinic: clinic.yaml"))
    out = tmp_path / "o.pdf"
    result = run_cli("build", spec, "-o", out)
    assert result.exit_code == 0, result.output
    from conftest import pdf_text

    text = pdf_text(out)
    assert "Sunrise Physio · 555-0100" in text  # running header
    assert "Sunrise Physio · 555-0100 · sunrise.example" in text  # about line
    assert image_xobjects(out.read_bytes()) == 1  # the logo


def test_clinic_file_outside_the_folder_is_refused(tmp_path):
    folder = tmp_path / "spec"
    folder.mkdir()
    (tmp_path / "clinic.yaml").write_text("name: X\n")
    spec = folder / "h.yaml"
    spec.write_text(MINIMAL.replace("title: Hip pain basics", "title: Hip pain basics\nclinic: ../clinic.yaml"))
    result = run_cli("validate", spec)
    assert result.exit_code == 1
    assert "clinic: '../clinic.yaml' points outside the spec's folder and assets/" in result.stderr
