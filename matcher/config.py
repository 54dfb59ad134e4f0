"""Loader of ``config/matching.yaml``: weights, thresholds, the start-up age limit and the
support-kind vocabulary. A bad file fails at start-up with the file name in the error."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from hubb.errors import UserError


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bm25(_Strict):
    k1: float = Field(1.2, gt=0)
    b: float = Field(0.75, ge=0, le=1)


class Fields(_Strict):
    title: float = 3.0
    summary: float = 2.0
    text: float = 1.0


class Kind(_Strict):
    sv: str = ""
    en: str = ""
    words: tuple[str, ...] = ()


class NeedKind(_Strict):
    words: tuple[str, ...] = ()


class Sector(_Strict):
    sni: tuple[str, ...]
    words: tuple[str, ...]


class MatchingConfig(_Strict):
    startup_max_age_years: int = Field(5, ge=0)
    bm25: Bm25 = Bm25(k1=1.2, b=0.75)
    fields: Fields = Fields()
    tag_fields: Fields = Fields(title=3.0, summary=2.0, text=0.5)
    lexical_saturation: float = Field(6.0, gt=0)
    area_saturation: float = Field(4.0, gt=0)
    area_focus: bool = False
    kind_saturation: float = Field(2.0, gt=0)
    #: need score = kind × (kind_gate + (1 − kind_gate) × topic): what the right kind of
    #: support is worth on no shared topic at all (1 = topic ignored)
    kind_gate: float = Field(0.5, ge=0, le=1)
    #: the need's topic query leaves out the funding vocabulary of ``support_kinds``
    topic_without_kind_words: bool = True
    #: need areas that say what kind of support is wanted, not what it is about: their
    #: call tags are no topic evidence (the need's own words are)
    kind_areas: tuple[str, ...] = ()
    #: need areas that name an activity (R&D), not a subject: their call tags are no topic
    #: evidence either; a need there takes its subject from the company (``profile_topic``)
    activity_areas: tuple[str, ...] = ()
    #: topic credit of a call that names no particular topic in its title and summary
    #: (× its openness, 0–1): an open call of the right kind suits any need
    open_call_topic: float = Field(0.0, ge=0, le=1)
    #: share of the company's subject (its other needs' and keywords' topic) that a need
    #: in a kind or activity area takes as its own topic
    profile_topic: float = Field(0.0, ge=0, le=1)
    priority_weights: dict[str, float]
    others_share: float = Field(0.15, ge=0, le=1)
    keywords_weight: float = Field(0.1, ge=0, le=1)
    need_served: float = Field(0.3, ge=0, le=1)
    threshold: float = Field(0.4, ge=0, le=1)
    #: worth sending also needs this share of the profile's best eligible score
    relative_threshold: float = Field(0.0, ge=0, le=1)
    store_floor: float = Field(0.1, ge=0, le=1)
    store_max: int = Field(50, ge=1)
    support_kinds: dict[str, Kind]
    need_kinds: dict[str, NeedKind]
    area_kinds: dict[str, dict[str, float]]

    kind_fit: dict[str, dict[str, float]] = Field(default_factory=dict)
    iuc_offer_fit: float = Field(0.5, ge=0, le=1)
    sector_fields: Fields = Fields(title=3.0, summary=2.0, text=0.25)
    sector_saturation: float = Field(2.0, gt=0)
    sector_bonus: float = Field(0.0, ge=0)
    sector_penalty: float = Field(0.0, ge=0, le=1)
    sectors: dict[str, Sector] = Field(default_factory=dict)
    # sectors whose calls are by rule for that sector's companies (matcher/learn.py): a call
    # tagged for one from closed_sector_tag on is at most marginal for a company outside it
    closed_sectors: list[str] = Field(default_factory=list)
    closed_sector_tag: float = Field(0.5, ge=0, le=1)
    # the learned combination (config/matcher_model.json, trained by bench/train_matcher.py);
    # empty: the hand-set combination above
    model: str = ""

    @model_validator(mode="after")
    def _known_kinds(self):
        if self.store_floor > self.threshold:
            raise ValueError("store_floor must not be above threshold (sendable matches are stored)")
        kinds = set(self.support_kinds)
        for where, names in (
            ("need_kinds", self.need_kinds),
            ("kind_fit", set(self.kind_fit) | {k for row in self.kind_fit.values() for k in row}),
            ("area_kinds", {k for row in self.area_kinds.values() for k in row}),
        ):
            unknown = set(names) - kinds
            if unknown:
                raise ValueError(f"{where}: unknown support kinds {sorted(unknown)}")
        for level in ("high", "medium", "low"):
            if level not in self.priority_weights:
                raise ValueError(f"priority_weights: {level} is missing")
        return self

    @property
    def kinds(self) -> list[str]:
        return list(self.support_kinds)


# a UserError: cli.main prints it as one line, exit 2
class MatchingConfigError(UserError, ValueError):
    pass


def load_matching_config(path: Path | None = None) -> MatchingConfig:
    """``config/matching.yaml`` (of ``HUBB_CONFIG_DIR``), validated."""
    from hubb.settings import config_dir

    path = path or config_dir() / "matching.yaml"
    if not path.is_file():  # a config dir without it (tests, old installs): the project's
        from hubb.settings import PROJECT_ROOT

        path = PROJECT_ROOT / "config" / "matching.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return MatchingConfig.model_validate(raw)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise MatchingConfigError(f"{path}: {exc}") from exc
