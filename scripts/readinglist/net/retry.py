"""What a server's Retry-After header asks for, in seconds (links and discover both obey it)."""

from __future__ import annotations

import email.utils
import time


def retry_after(value: str | None) -> float | None:
    """Seconds from a delay ("120") or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
