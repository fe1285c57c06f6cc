"""The office web app (`kehoach serve`): FastAPI + Jinja2 over kehoach.api. Nothing depends on it."""
