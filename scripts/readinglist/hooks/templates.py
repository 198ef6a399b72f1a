"""The theme's templates, compiled once a serving process."""

from __future__ import annotations

from jinja2 import BytecodeCache


class Bytecode(BytecodeCache):
    """The theme's templates compiled once a process, not once a build (keyed by their text)."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.codes[bucket.key] = bucket.bytecode_to_string()
