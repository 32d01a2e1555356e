"""Small leaf helpers every layer may use: UTC time, lazy imports, thread limits, number text.

Map: `clock` (UTC moments), `lazy` (a module imported on first use), `threads` (one BLAS/OpenMP
thread), `numbers` (the short number formats). Imports: the standard library only.
"""
