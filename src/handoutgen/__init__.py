"""handoutgen: YAML spec in, print-ready patient-education handout PDF out.

The pipeline, one folder per stage: spec (load + validate) -> resolve (library, citations,
assets) -> layout (theme, fonts, flowables) -> PDF. ``build.build_handout`` ties it together.
"""

__version__ = "0.1.0"

# what importing reportlab and PyYAML costs that a build never uses (regular expressions, Pillow)
# is put off until used: about 45 ms of a cold build (lazyimport.py)
from handoutgen import lazyimport as _lazyimport

_lazyimport.install()
