"""Just enough of a Dockerfile reader for the tests: stages, instructions, ARG/ENV values.

The smoke test runs the Dockerfile's own commands without Docker, so it reads them from
the file instead of repeating them: a change to the Dockerfile changes what is tested.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

INSTRUCTION = re.compile(r"^\s*([A-Za-z]+)\s+(.*)$", re.S)
VARIABLE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass
class Instruction:
    keyword: str
    text: str  # everything after the keyword, continuation lines joined
    line: int

    def flags(self) -> dict[str, str]:
        """Leading --name=value options (RUN --mount=..., COPY --from=...)."""
        out = {}
        for word in shlex.split(self.text):
            if not word.startswith("--"):
                break
            name, _, value = word[2:].partition("=")
            out[name] = value
        return out

    def body(self) -> str:
        """The text after the leading --options."""
        rest = self.text
        while rest.startswith("--"):
            rest = rest.split(None, 1)[1] if " " in rest else ""
        return rest

    def exec_form(self) -> list[str]:
        value = json.loads(self.body())
        assert isinstance(value, list), f"line {self.line}: not in exec (JSON) form"
        return [str(v) for v in value]


@dataclass
class Stage:
    name: str
    base: str
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def one(self, keyword: str) -> Instruction:
        found = self.all(keyword)
        assert len(found) == 1, f"stage {self.name}: {len(found)} {keyword} instructions"
        return found[0]

    def args(self) -> dict[str, str]:
        out = {}
        for i in self.all("ARG"):
            name, _, default = i.text.partition("=")
            out[name.strip()] = default.strip().strip('"')
        return out

    def env(self, outside: dict[str, str]) -> dict[str, str]:
        """ENV values in order, `$VAR` expanded from earlier ENV, the stage's ARGs and `outside`."""
        known = dict(outside) | self.args()
        out: dict[str, str] = {}
        for i in self.all("ENV"):
            for pair in shlex.split(i.text):
                name, _, value = pair.partition("=")
                value = VARIABLE.sub(lambda m: (out | known).get(m.group(1) or m.group(2), ""), value)
                out[name] = value
        return out


@dataclass
class Dockerfile:
    global_args: dict[str, str]
    stages: dict[str, Stage]

    def stage(self, name: str) -> Stage:
        return self.stages[name]


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, instruction) with comments dropped and continuations joined."""
    out: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if current and stripped.startswith("#"):
            continue  # comment lines inside a continued instruction
        if not current:
            start = number
        if raw.rstrip().endswith("\\"):
            current.append(raw.rstrip()[:-1])
            continue
        current.append(raw)
        out.append((start, " ".join(part.strip() for part in current if part.strip())))
        current = []
    assert not current, "the Dockerfile ends inside a continued line"
    return out


def parse(path: Path) -> Dockerfile:
    global_args: dict[str, str] = {}
    stages: dict[str, Stage] = {}
    stage: Stage | None = None
    for number, line in logical_lines(path.read_text(encoding="utf-8")):
        m = INSTRUCTION.match(line)
        assert m, f"line {number}: not an instruction: {line!r}"
        keyword, text = m.group(1).upper(), m.group(2).strip()
        if keyword == "FROM":
            words = text.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else str(len(stages))
            base = VARIABLE.sub(lambda v: global_args.get(v.group(1) or v.group(2), ""), words[0])
            stage = Stage(name, base)
            stages[name] = stage
        elif stage is None:
            assert keyword == "ARG", f"line {number}: {keyword} before the first FROM"
            name, _, default = text.partition("=")
            global_args[name.strip()] = default.strip()
        else:
            stage.instructions.append(Instruction(keyword, text, number))
    return Dockerfile(global_args, stages)


def ignored(relative: str, patterns: list[str]) -> bool:
    """.dockerignore: the last pattern matching the path or one of its parents decides."""
    parts = relative.split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    verdict = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        body = pattern[1:] if negate else pattern
        body = body.rstrip("/")
        forms = [body, body[3:]] if body.startswith("**/") else [body]
        if any(fnmatch.fnmatchcase(c, f) for c in candidates for f in forms):
            verdict = not negate
    return verdict


def dockerignore(context: Path) -> list[str]:
    """The patterns of `context`/.dockerignore."""
    lines = (context / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
