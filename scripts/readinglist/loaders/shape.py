"""Reading a YAML tree against the shape a file must have, one diagnostic per mismatch."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostic import Diagnostic, error
from ..model import FieldText
from .yamltree import Mapping, Node, Scalar, Sequence, describe_type, scalar_type

_KIND = {Mapping: "a mapping", Sequence: "a list", Scalar: "a string"}


@dataclass
class Reader:
    """Collects the diagnostics of one file while its loader reads values out of the tree."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Every text read, with its position: what checks of values (markup, links) look at.
    texts: list[FieldText] = field(default_factory=list)

    def report(self, node: Node | Scalar, code: str, message: str) -> None:
        self.diagnostics.append(error(self.path, node.line, node.col, code, message))

    def fields(self, node: Node, what: str, allowed: tuple[str, ...],
               required: tuple[str, ...] = ()) -> dict[str, Node] | None:
        """The fields of a mapping, refusing unknown ones and naming the missing ones."""
        if not self.expect(node, Mapping, what):
            return None
        found = {}
        for key, value in node.items:
            if key.value in allowed:
                found[key.value] = value
            else:
                self.report(key, "unknown-field", f"field '{key.value}' is not allowed in {what} "
                            f"(allowed: {', '.join(allowed)})")
        for name in required:
            if name not in found:
                self.report(node, "missing-field", f"{what} has no '{name}' field; add one")
        return found

    def string(self, node: Node | None, what: str) -> str | None:
        if node is None or not self.expect(node, Scalar, what) or node.alias:
            return None
        if not node.value.strip():
            self.report(node, "wrong-type", f"{what} is empty; write a value or remove the field")
            return None
        kind = scalar_type(node)
        if kind != "str":
            self.report(node, "yaml-type-trap", f"{what} {node.value} reads as "
                        f"{describe_type(kind)} in YAML, not text; quote it: \"{node.value}\"")
            return None
        self.texts.append(FieldText(what, node.value, self.path, node.line, node.col, node.plain))
        return node.value

    def items(self, node: Node | None, what: str) -> tuple[Node, ...]:
        if node is None or not self.expect(node, Sequence, what):
            return ()
        return node.items

    def strings(self, node: Node | None, what: str) -> tuple[Scalar, ...]:
        """A list of strings, keeping each one's position."""
        return tuple(item for item in self.items(node, what)
                     if self.string(item, f"each entry of {what}") is not None)

    def expect(self, node: Node, kind: type, what: str) -> bool:
        if isinstance(node, kind):
            return True
        if kind is Sequence and isinstance(node, Scalar) and scalar_type(node) == "null":
            self.report(node, "wrong-type", f"{what} is empty; write [] for an empty list")
            return False
        self.report(node, "wrong-type", f"{what} must be {_KIND[kind]}, not {_KIND[type(node)]}")
        return False
