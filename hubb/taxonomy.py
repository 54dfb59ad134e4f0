"""The TBN need areas of ``config/taxonomy.yaml``: key, Swedish and English label, and
the words that signal each. Staff may add areas; the ten of DESIGN.md must exist."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hubb.errors import UserError

REQUIRED_AREAS = (
    "kompetens", "produktion", "automation", "digitalisering", "hallbarhet",
    "innovation", "marknad", "finansiering", "ledarskap", "logistik",
)


class NeedArea(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    sv: str
    en: str
    #: Swedish and English words (stems or whole words) that signal the area
    words: tuple[str, ...] = Field(default=())

    def label(self, language: str = "sv") -> str:
        return self.en if language == "en" else self.sv


class Taxonomy(BaseModel):
    model_config = ConfigDict(frozen=True)

    areas: dict[str, NeedArea]

    def __contains__(self, key: str) -> bool:
        return key in self.areas

    def __getitem__(self, key: str) -> NeedArea:
        return self.areas[key]

    def keys(self) -> list[str]:
        return list(self.areas)


# a UserError: cli.main prints it as one line, exit 2
class TaxonomyError(UserError, ValueError):
    pass


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    from hubb.settings import config_dir

    path = path or config_dir() / "taxonomy.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        areas = {
            key: NeedArea(key=key, **(value or {})) for key, value in (raw.get("areas") or {}).items()
        }
    except (OSError, yaml.YAMLError, ValidationError, TypeError) as exc:
        raise TaxonomyError(f"{path}: {exc}") from exc
    missing = [k for k in REQUIRED_AREAS if k not in areas]
    if missing:
        raise TaxonomyError(f"{path}: missing need areas: {', '.join(missing)}")
    return Taxonomy(areas=areas)
