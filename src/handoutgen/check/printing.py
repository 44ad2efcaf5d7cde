"""Print checks on the theme: body size and text contrast (STANDARDS.md, print typography)."""

from __future__ import annotations

from handoutgen.check.findings import Finding

MIN_BODY_PT = 12.0  # STANDARDS.md: body text at least 12 pt (14 pt for older adults)
MIN_CONTRAST = 4.5  # WCAG 1.4.3, normal-size text



def check_print(theme=None, name: str = "default") -> list[Finding]:
    """Findings for the theme a handout is printed with (default: the shipped default theme)."""
    from handoutgen.layout.theme import TEXT_ON, contrast, load_theme
    from handoutgen.paths import assets_dir
    from handoutgen.spec.loader import load_yaml_file

    path = assets_dir() / "themes" / f"{name}.yaml"
    theme = theme or load_theme(name)
    where = load_yaml_file(path, _display(path))
    out = []
    if theme.body_size < MIN_BODY_PT:
        out.append(_at(where, ("body_size",), f"body text is {theme.body_size:g} pt; print at least "
                                              f"{MIN_BODY_PT:g} pt (14 pt for older adults)"))
    colors = theme.colors
    for fg, bg in TEXT_ON:
        back = "#FFFFFF" if bg == "white" else getattr(colors, bg)
        ratio = contrast(getattr(colors, fg), back)
        if ratio < MIN_CONTRAST:
            out.append(_at(where, ("colors", fg), f"{fg} text on {bg} has contrast {ratio:.1f}:1; "
                                                  f"needs at least {MIN_CONTRAST:g}:1 (WCAG 1.4.3)"))
    return out


def _at(where, path: tuple, message: str) -> Finding:
    problem = where.problem(path, message)
    return Finding("error", "print", problem.file, problem.line, problem.field, message)


def _display(path) -> str:
    """The theme file relative to the working folder when it is inside it, as specs are shown."""
    from pathlib import Path

    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
