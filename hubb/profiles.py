"""Need profiles (``config/profiles/*.yaml``): the model, loading, and validation with
errors that name file, line and field.

Every loader goes through :func:`load_profiles`, which checks all files and returns the
valid profiles together with the errors of the invalid ones, so one company's typo never
stops the other companies' matches and digests.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import idna
import yaml
from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails, PydanticCustomError

from hubb.sni import check_code
from hubb.taxonomy import Taxonomy
from hubb.vocab import Language, Priority, Size

#: The twelve municipalities of Örebro län.
MUNICIPALITIES = (
    "Askersund", "Degerfors", "Hallsberg", "Hällefors", "Karlskoga", "Kumla", "Laxå",
    "Lekeberg", "Lindesberg", "Ljusnarsberg", "Nora", "Örebro",
)
ORG_NUMBER = re.compile(r"^\d{6}-\d{4}$")
#: a profile is one company's page of YAML (a few kB); a far larger file is a mistake, and
#: parsing it would take minutes (5.9 MB took 26 s)
MAX_PROFILE_BYTES = 256 * 1024
#: employees below each SME class's ceiling (Commission Recommendation 2003/361/EC)
SIZE_CEILINGS = {"micro": 10, "small": 50, "medium": 250}


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    name: str = Field(min_length=1)
    email: str
    language: Language = Language.SV

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        try:
            return validate_email(value, check_deliverability=False).normalized
        except EmailNotValidError as exc:
            raise ValueError(f"{value!r} is not an e-mail address ({exc})") from None


class Need(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    area: str
    text: str = Field(min_length=1)
    priority: Priority = Priority.MEDIUM


class Profile(BaseModel):
    """One company's need profile. ``id`` is the file stem."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    id: str = ""
    company: str = Field(min_length=1)
    org_number: str | None = None
    municipality: str
    sni: list[str] = Field(min_length=1)
    founded: int | None = Field(None, ge=1600)
    employees: int | None = Field(None, ge=0)
    size: Size
    contacts: list[Contact] = Field(default_factory=list)
    needs: list[Need]
    keywords: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)

    @field_validator("org_number")
    @classmethod
    def _org_number(cls, value: str | None) -> str | None:
        if value is not None and not ORG_NUMBER.match(str(value)):
            raise ValueError(f"{value!r} is not an organisation number (expected NNNNNN-NNNN)")
        return value

    @field_validator("municipality")
    @classmethod
    def _municipality(cls, value: str) -> str:
        if value not in MUNICIPALITIES:
            hint = _did_you_mean(value, MUNICIPALITIES)
            raise ValueError(f"{value!r} is not a municipality in Örebro län{hint}")
        return value

    @field_validator("sni")
    @classmethod
    def _sni(cls, value: list[str]) -> list[str]:
        for code in value:
            problem = check_code(str(code))
            if problem:
                raise ValueError(problem)
        return [str(c) for c in value]

    @field_validator("founded")
    @classmethod
    def _founded(cls, value: int | None) -> int | None:
        if value is not None and value > date.today().year:
            raise ValueError(f"{value} is in the future")
        return value

    @field_validator("needs")
    @classmethod
    def _needs(cls, value: list[Need]) -> list[Need]:
        if not value:
            raise ValueError("a profile needs at least one need")
        return value

    @model_validator(mode="after")
    def _size_fits_employees(self) -> Profile:
        # the SME rules the matcher applies read ``size``; a contradiction is a typo
        if self.employees is None:
            return self
        expected = next((k for k, cap in SIZE_CEILINGS.items() if self.employees < cap), "large")
        if self.size != expected:
            raise PydanticCustomError(
                "size_employees", "'{size}' does not fit employees: {employees} (that is '{expected}')",
                {"size": str(self.size), "employees": self.employees, "expected": expected})
        return self

    def age(self, on: date) -> int | None:
        """Company age in whole years on ``on``, when ``founded`` is known."""
        return None if self.founded is None else on.year - self.founded

    @property
    def is_sme(self) -> bool:
        return Size(self.size).is_sme


@dataclass(frozen=True)
class ProfileError:
    """One problem in one profile file."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        # one line whatever the file holds: a line break in a key or value is shown escaped
        return text.replace("\r", "\\r").replace("\n", "\\n")


def _did_you_mean(value: str, choices) -> str:
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _field_name(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _line_map(text: str) -> dict[tuple, int]:
    """1-based line of every key and list item, by its path (("needs", 1, "area"))."""
    lines: dict[tuple, int] = {}

    def walk(node, path):
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                sub = path + (key_node.value,)
                lines[sub] = key_node.start_mark.line + 1
                walk(value_node, sub)
                lines[sub] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, path + (i,))

    root = yaml.compose(text)
    if root is not None:
        walk(root, ())
    return lines


def _line_for(lines: dict[tuple, int], loc: tuple) -> int | None:
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get((), None)


def _message(err: ErrorDetails) -> str:
    kind, msg = err["type"], err["msg"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "is required"
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{err['input']!r} is not one of {expected}"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", msg))
    return f"{msg} (got {err.get('input')!r})" if "input" in err and not isinstance(err["input"], (dict, list)) else msg


def parse_profile(path: Path, taxonomy: Taxonomy, display: str | None = None) -> tuple[Profile | None, list[ProfileError]]:
    """Validate one file: the profile, or None and every error found in it."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_PROFILE_BYTES:
            return None, [ProfileError(name, None, "", f"is {size / 1e6:.1f} MB; a profile may be at most "
                                                       f"{MAX_PROFILE_BYTES // 1024} kB")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [ProfileError(name, None, "", f"cannot be read: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [ProfileError(name, line, "", f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {column}; "
                                                   "Latin-1 or Windows-1252?): save the file as UTF-8")]
    try:
        data = yaml.safe_load(text)
        lines = _line_map(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [ProfileError(name, mark.line + 1 if mark else None, "",
                                 # one line: a reader error's text carries a second "in <string>" line
                                 "not valid YAML: " + " ".join(str(getattr(exc, 'problem', exc)).split()))]
    if not isinstance(data, dict):
        return None, [ProfileError(name, 1, "", "expected a mapping of profile fields")]

    errors: list[ProfileError] = []
    if "id" in data:
        errors.append(ProfileError(name, _line_for(lines, ("id",)), "id", "unknown key (the id is the file name)"))
        data = {k: v for k, v in data.items() if k != "id"}
    needs = data.get("needs")
    # a non-list "needs" (true, 3) is left to the model's own type error, not iterated here
    for i, need in enumerate(needs if isinstance(needs, list) else []):
        area = need.get("area") if isinstance(need, dict) else None
        if isinstance(area, str) and area not in taxonomy:
            errors.append(ProfileError(
                name, _line_for(lines, ("needs", i, "area")), f"needs[{i}].area",
                f"{area!r} is not a need area{_did_you_mean(area, taxonomy.keys())}",
            ))
    profile = None
    try:
        profile = Profile.model_validate({**data, "id": path.stem})
    except ValidationError as exc:
        for err in exc.errors():
            # the size/employees check is on the whole model: name the size line
            loc = tuple(err["loc"]) or (("size",) if err["type"] == "size_employees" else ())
            errors.append(ProfileError(name, _line_for(lines, loc), _field_name(loc), _message(err)))
    if "needs" in data and not data["needs"] and not any(e.field == "needs" for e in errors):
        errors.append(ProfileError(name, _line_for(lines, ("needs",)), "needs", "a profile needs at least one need"))
    return (None if errors else profile), errors


def contact_key(email: str) -> str:
    """The mailbox an address names, for finding duplicates: case ignored (the digests
    lower-case every address), the domain in its IDNA form (``företag.se`` and
    ``xn--fretag-wxa.se`` are one domain)."""
    local, _, domain = email.strip().rpartition("@")
    try:
        domain = idna.encode(domain, uts46=True).decode("ascii") if not domain.isascii() else domain
    except (idna.IDNAError, UnicodeError):
        pass
    return f"{local}@{domain}".lower()


def _drop_duplicate_contacts(profile: Profile, display: str, path: Path,
                             seen: dict[str, tuple[str, Path, int]]) -> list[ProfileError]:
    """Errors for each contact whose address is already a contact (in this file or an
    earlier one), and those contacts removed from ``profile``: one digest goes to an
    address each week, so a second listing would silently get nothing (issue 14). The
    first listing keeps the contact; the profile itself stays valid. Line numbers are
    looked up only for a duplicate: composing a large file again costs as much as loading it."""
    errors: list[ProfileError] = []
    kept: list[Contact] = []

    def where(file: Path, name: str, index: int) -> tuple[int | None, str]:
        line = _line_for(_line_map(file.read_text(encoding="utf-8")), ("contacts", index, "email"))
        return line, f"{name}:{line}" if line else name

    for i, contact in enumerate(profile.contacts):
        key = contact_key(contact.email)
        if key in seen:
            line, _ = where(path, display, i)
            _, first = where(seen[key][1], seen[key][0], seen[key][2])
            errors.append(ProfileError(
                display, line, f"contacts[{i}].email",
                f"duplicate contact: {contact.email!r} is already a contact at {first} "
                "(one digest per address and week: this listing is skipped)"))
        else:
            seen[key] = (display, path, i)
            kept.append(contact)
    profile.contacts = kept
    return errors


def load_profiles(directory: Path, taxonomy: Taxonomy) -> tuple[list[Profile], list[ProfileError]]:
    """All valid profiles of ``directory`` (sorted by id) and the errors of the rest.

    Duplicate companies (same name or organisation number in two files) are errors of the
    later file; the first keeps its place. A duplicate contact (the same address twice, in
    one file or two, case ignored) is an error of its later listing, which is dropped;
    its profile stays.
    """
    profiles: list[Profile] = []
    errors: list[ProfileError] = []
    seen: dict[str, str] = {}
    contacts_seen: dict[str, tuple[str, Path, int]] = {}
    files = sorted(p for p in Path(directory).glob("*.y*ml") if p.suffix in (".yaml", ".yml"))
    for path in files:
        display = _display(path)
        profile, errs = parse_profile(path, taxonomy, display)
        errors.extend(errs)
        if profile is None:
            continue
        dup = None
        for key, field in ((profile.company.casefold(), "company"), (profile.org_number, "org_number")):
            if key and key in seen:
                dup = ProfileError(display, _line_for(_line_map(path.read_text(encoding="utf-8")), (field,)),
                                   field, f"duplicate company: {getattr(profile, field)!r} is already in {seen[key]}")
                break
        if dup:
            errors.append(dup)
            continue
        seen[profile.company.casefold()] = display
        if profile.org_number:
            seen[profile.org_number] = display
        errors.extend(_drop_duplicate_contacts(profile, display, path, contacts_seen))
        profiles.append(profile)
    return profiles, errors


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def profiles_dir() -> Path:
    from hubb.settings import config_dir

    return config_dir() / "profiles"


def load_profile_by_id(profile_id: str, directory: Path, taxonomy: Taxonomy) -> tuple[Profile | None, list[ProfileError]]:
    """The profile with this id in ``directory``; a path to a file (``x.yaml``,
    ``config/profiles/x.yml``) is accepted too."""
    given = Path(profile_id)
    if given.suffix in (".yaml", ".yml"):
        path = given if given.is_file() or given.parent != Path(".") else Path(directory) / given.name
    else:
        path = Path(directory) / f"{profile_id}.yaml"
    if not path.is_file():
        return None, [ProfileError(str(path), None, "", "no such profile")]
    return parse_profile(path, taxonomy, _display(path))
