"""What an import reports: counts, problems (row, column, value, message) and notes."""

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportProblem:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: value '{self.value}': {self.message}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    new_labels: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary_line(self) -> str:
        """The contract's one-line summary. English on purpose: scripts parse it."""
        return f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ImportResult":
        problems = [ImportProblem(**p) for p in data.get("problems", [])]
        rest = {k: v for k, v in data.items() if k != "problems"}
        return cls(problems=problems, **rest)
