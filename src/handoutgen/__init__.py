"""handoutgen: YAML spec in, print-ready patient-education handout PDF out.

The pipeline, one folder per stage: spec (load + validate) -> resolve (library, citations,
assets) -> layout (theme, fonts, flowables) -> PDF. ``build.build_handout`` ties it together.
"""

__version__ = "0.1.0"
