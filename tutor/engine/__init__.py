"""The experiments and what they need: declared parameters, the Result, the warm run process.

Map: `params` (declared parameters: parsing, bounds, messages), `result` (Result, Metric, Table,
PlotSpec), `runner` (a warm child process for scikit-learn topics), `experiments/` (one module
per topic, each `run(values) -> Result`, registered by slug and number).
Imports: `tutor.support` only; never render, learning, cli, textual or screens.
"""
