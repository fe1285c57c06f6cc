"""The office web app (`kehoach serve`): FastAPI + Jinja2 over the Python API (batch/api.py, store/corpus.py). Nothing depends on it."""
