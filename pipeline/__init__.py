"""News articles to a knowledge graph: people, groups, places and numbers, merged and linked by co-mention.

Nothing heavy runs at import time: spaCy and the model load on first use.
"""

from __future__ import annotations

__version__ = "0.1.0"
