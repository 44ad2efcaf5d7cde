"""handoutgen: YAML spec in, print-ready patient-education handout PDF out.

The pipeline, one folder per stage: spec (load + validate) -> resolve (library, citations,
assets) -> layout (theme, fonts, flowables) -> PDF. ``build.build_handout`` ties it together.
"""

__version__ = "0.1.0"

# reportlab's and PyYAML's import-time regular expressions we never use are compiled on first
# use instead (a third of importing reportlab.platypus; lazyre.py)
from handoutgen import lazyre as _lazyre

_lazyre.install()
