"""Where a corpus lives between runs: the SQLite store (schema, migrations, FTS5 search).

`StoreSource` is what the query commands read; it offers the same methods as
`kehoach.graph.source.PlanSource`, backed by SQL instead of plan files."""
from .sqlite import FileRecord, PlanStore, SQLiteStore, open_store

StoreSource = SQLiteStore

__all__ = ["FileRecord", "PlanStore", "SQLiteStore", "StoreSource", "open_store"]
