"""A Result as something to read: plot specs as plotext text, tables, the `run` report.

Map: `plots` (PlotSpec -> terminal text), `tables` (the one aligned-table writer), `text` (what
`mlprep-tui run` prints). Exports (the workbook's Markdown and PDF) belong here too.
Imports: `tutor.engine` and `tutor.support`; never learning, cli, textual or screens.
"""
