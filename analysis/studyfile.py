"""The study file (``study.yml``): schema, loading and validation with errors that name key and line."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from analysis.errors import StudyError

STUDY_FILE = "study.yml"
MAX_STUDY_BYTES = 2_000_000

Direction = Literal["toward", "away", "mixed"]
EntityType = Literal["PERSON", "GPE", "ORG", "NORP", "LOC", "FAC"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Target(_Strict):
    """The proposition whose support the study measures."""

    id: str = "target"
    proposition: str = Field(min_length=3)
    topic_cues: list[str] = Field(default_factory=list)
    reference_cues: list[str] = Field(default_factory=list)


class StudyStanceCue(_Strict):
    """A study-specific stance cue added to the general lexicon (lemmas, e.g. "send troops")."""

    cue: str = Field(min_length=2)
    stance: Literal["favor", "against", "undecided", "none"]
    negated_stance: Literal["favor", "against", "undecided", "none"] = "none"


class Actor(_Strict):
    """A group that can hold a stance; members are names, metonyms and role nouns."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    members: list[str] = Field(default_factory=list)


class Entity(_Strict):
    """A canonical entity and the other spellings that name it."""

    canonical: str = Field(min_length=1)
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    actor: str | None = None


class SpellingGroup(_Strict):
    """Spellings an outlet chooses between (a house-style signal)."""

    name: str
    variants: list[str] = Field(min_length=2)


class Factor(_Strict):
    """A pressure factor of the study's taxonomy.

    ``cues`` (lemma phrases) find a mention; when ``context`` is given, one of its phrases must be
    in the same sentence too. ``toward_cues``/``away_cues`` in the sentence refine the default
    ``direction``; so does the stance of one of the factor's ``actors`` stated in that sentence.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    description: str = ""
    direction: Direction
    cues: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    toward_cues: list[str] = Field(default_factory=list)
    away_cues: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    scope: Literal["domestic", "foreign", ""] = ""


class Quantity(_Strict):
    """A figure to extract (number of troops, poll share ...)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    description: str = ""
    unit: Literal["count", "percent", ""] = ""
    cues: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)


class StudyConfig(_Strict):
    """The validated content of ``study.yml``."""

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    title: str
    description: str = ""
    language: str = "en"
    spacy_model: str | None = None
    target: Target
    actors: list[Actor] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    spelling_variants: list[SpellingGroup] = Field(default_factory=list)
    factors: list[Factor] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    stance_cues: list[StudyStanceCue] = Field(default_factory=list)

    @field_validator("actors", "factors", "quantities")
    @classmethod
    def _unique_ids(cls, items: list) -> list:
        seen: set[str] = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"duplicate id {item.id!r}")
            seen.add(item.id)
        return items

    @model_validator(mode="after")
    def _entity_actors_exist(self) -> StudyConfig:
        actor_ids = {a.id for a in self.actors}
        for factor in self.factors:
            unknown = [a for a in factor.actors if a not in actor_ids]
            if unknown:
                raise ValueError(f"factor {factor.id!r} names unknown actor(s) {unknown}")
        for entity in self.entities:
            if entity.actor is not None and entity.actor not in actor_ids:
                raise ValueError(
                    f"entity {entity.canonical!r} names unknown actor {entity.actor!r}; "
                    f"known actors: {sorted(actor_ids)}"
                )
        return self

    def actor_ids(self) -> list[str]:
        return [a.id for a in self.actors]


def _node_line(root: yaml.Node | None, loc: tuple) -> int | None:
    """Follow a pydantic error location through the YAML node tree; return the deepest line found."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k_node, v_node in node.value:
                if k_node.value == key:
                    nxt = v_node
                    line = k_node.start_mark.line + 1
                    break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            break
        if node is None:
            break
    return line


def _reject_aliases(text: str, file: str) -> None:
    """Refuse YAML anchors/aliases: a study file never needs them and they allow alias bombs."""
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                raise StudyError(
                    "YAML aliases (*name) are not allowed in a study file", file=file,
                    line=event.start_mark.line + 1,
                )
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise StudyError(
            f"not valid YAML: {getattr(exc, 'problem', None) or exc}", file=file,
            line=mark.line + 1 if mark else None,
        ) from None
    except RecursionError:
        raise StudyError("YAML nested too deeply", file=file) from None


MAX_NESTING = 40


def _check_nesting(text: str, file: str, limit: int = MAX_NESTING) -> None:
    """Refuse nesting deeper than ``limit`` in one linear pass, before the (super-linear) YAML parser
    sees it: flow brackets ``[ {`` outside quotes and comments, and block indentation levels."""
    indents: list[int] = []
    depth = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#") and depth == 0:
            indent = len(line) - len(stripped)
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            dashes = len(re.match(r"(?:-\s+)*", stripped).group(0).split("-")) - 1
            if len(indents) + dashes > limit:
                raise StudyError(f"nested deeper than {limit} levels", file=file, line=lineno)
        quote = None
        for ch in line:
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "'\"":
                quote = ch
            elif ch == "#":
                break
            elif ch in "[{":
                depth += 1
                if depth > limit:
                    raise StudyError(f"nested deeper than {limit} levels", file=file, line=lineno)
            elif ch in "]}":
                depth = max(0, depth - 1)


def _reject_duplicate_keys(root: yaml.Node | None, file: str) -> None:
    """Refuse a key given twice in one mapping (YAML would silently keep the last value)."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for k_node, v_node in node.value:
                key = k_node.value if isinstance(k_node, yaml.ScalarNode) else id(k_node)
                if key in seen:
                    raise StudyError(f"key {key!r} given twice (first at line {seen[key]}); "
                                     "remove one", file=file, line=k_node.start_mark.line + 1)
                seen[key] = k_node.start_mark.line + 1
                stack.append(v_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _reject_shared_aliases(config: StudyConfig, root: yaml.Node | None, file: str) -> None:
    """Refuse a name (canonical or alias) listed under two entities: it would merge them."""
    owner: dict[str, str] = {}
    for i, entity in enumerate(config.entities):
        for name in {entity.canonical.casefold(), *(a.casefold() for a in entity.aliases)}:
            other = owner.setdefault(name, entity.canonical)
            if other != entity.canonical:
                raise StudyError(f"name {name!r} is listed under two entities ({other!r} and "
                                 f"{entity.canonical!r}); keep it under one", file=file,
                                 line=_node_line(root, ("entities", i)))


def parse_study_text(text: str, *, file: str = STUDY_FILE) -> StudyConfig:
    """Validate study-file text; raise StudyError naming the key and line of the first problem."""
    _check_nesting(text, file)
    _reject_aliases(text, file)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:  # pragma: no cover - _reject_aliases parses first
        raise StudyError(f"not valid YAML: {exc}", file=file) from None
    except RecursionError:
        raise StudyError("YAML nested too deeply", file=file) from None
    _reject_duplicate_keys(root, file)
    if not isinstance(data, dict):
        raise StudyError("a study file must be a mapping of keys (name, title, target ...)",
                         file=file, line=1)
    try:
        config = StudyConfig.model_validate(data)
        _reject_shared_aliases(config, root, file)
        return config
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        key = ".".join(str(p) for p in loc) or "(top level)"
        extra = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise StudyError(f"key '{key}': {first['msg']}{extra}", file=file,
                         line=_node_line(root, loc)) from None
    except RecursionError:
        raise StudyError("study file nested too deeply", file=file) from None


_CONFIGS: dict[tuple, StudyConfig] = {}


def load_study_config(study_dir: Path) -> StudyConfig:
    """Read and validate ``study_dir/study.yml`` (parsed once per process while the file is unchanged)."""
    path = study_dir / STUDY_FILE
    if not path.is_file():
        raise StudyError(f"no {STUDY_FILE} in the study folder {study_dir}", file=str(path))
    raw = path.read_bytes()
    key = (str(path.resolve()), hashlib.sha256(raw).hexdigest())
    if key not in _CONFIGS:
        _CONFIGS[key] = _parse_bytes(raw, path)
    return _CONFIGS[key].model_copy(deep=True)


def _parse_bytes(raw: bytes, path: Path) -> StudyConfig:
    if len(raw) > MAX_STUDY_BYTES:
        raise StudyError(f"study file larger than {MAX_STUDY_BYTES} bytes", file=str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise StudyError("study file is not valid UTF-8", file=str(path), line=line) from None
    return parse_study_text(text, file=str(path))
