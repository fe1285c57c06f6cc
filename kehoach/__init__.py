"""kehoach: Vietnamese official plans (Kế hoạch) → structured data and a responsibility graph."""

__version__ = "0.1.0"
