"""{{name}}: ingest → validate → features → train → evaluate → register, cached, reproducible, drift-aware."""

__version__ = "0.1.0"
