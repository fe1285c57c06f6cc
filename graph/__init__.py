"""The responsibility graph across a corpus of plans (networkx). Depends on kehoach.models."""
